/**
 * draft-ietf-httpapi-ratelimit-headers: both fields are Structured Field lists of items whose value is
 * the policy name (an sf-string) with parameters: q quota and w window (seconds) for the policy,
 * r remaining and t seconds until reset for the current state.
 */
export function rateLimitPolicyHeader(name: string, quota: number, windowSeconds: number): string {
  return `"${name}";q=${quota};w=${windowSeconds}`;
}

export function rateLimitHeader(name: string, remaining: number, resetSeconds: number): string {
  return `"${name}";r=${Math.max(0, remaining)};t=${Math.max(0, resetSeconds)}`;
}
