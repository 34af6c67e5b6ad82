import { ConfigValidationError } from '@weft/config';

/** Parses a JSON-valued environment variable, failing start-up with the variable named. */
export function parseEnvJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConfigValidationError([name], `${name}: not valid JSON (${(e as Error).message})`);
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The raw variables behind a loaded config: loadConfig keeps undeclared variables as strings. */
export function rawEnv(config: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}
