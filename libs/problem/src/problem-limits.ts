/**
 * Upper bounds of what a problem body carries. Parts of a problem echo the request (the path, unknown
 * property names), so without bounds a client could make the answer as large as its own junk; the
 * contracts declare these same numbers (libs/contracts problem-components.ts).
 */
export const PROBLEM_LIMITS = {
  text: 2048,
  instance: 2048,
  correlationId: 128,
  fieldErrors: 100,
  field: 256,
  messagesPerField: 20,
  message: 512,
  scopes: 50,
  scope: 64,
  policy: 32,
  retryAfterSeconds: 86_400,
} as const;

/** `s` cut to at most `max` characters, marking the cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
