/**
 * What never reaches a log line: personal data (e-mail, phone, name, postal address) and credentials
 * (tokens, signatures, secrets). Fields are redacted by name at any depth; query values of every URL are
 * redacted whatever their name (`?email=` included); e-mail addresses and bearer tokens/JWTs inside free
 * text are masked too, because error messages sometimes quote what they refused.
 */
export const REDACTED = '[redacted]';

const SENSITIVE_KEY =
  /^(authorization|cookie|set-cookie|x-shopify-hmac-sha256|password|secret|token|access_?token|refresh_?token|id_?token|api_?key|client_?secret|private_?key|email|e-?mail|phone|mobile|first_?name|last_?name|full_?name|line1|line2|address1|address2|street|postal_?code|zip|city|address|billing_?address|shipping_?address|default_?shipping_?address|customer)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const MAX_DEPTH = 12;

/** `/v1/customers?email=a@b.c&x=1` → `/v1/customers?email=[redacted]&x=[redacted]`: names kept, values never. */
export function redactQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

export function redactText(s: string): string {
  let out = s.includes('?') ? s.replace(/(\/[^\s?"]*)\?[^\s"]*/g, (u) => redactQuery(u)) : s;
  out = out.replace(BEARER, `$1 ${REDACTED}`).replace(JWT, REDACTED);
  return out.includes('@') ? out.replace(EMAIL, REDACTED) : out;
}

/** A copy of `value` with every sensitive field and every personal datum in text redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SENSITIVE_KEY.test(k) && v !== null && v !== undefined ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

/** One serialized pino line, redacted; a line that is not JSON is redacted as text. */
export function redactLine(line: string): string {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  try {
    return `${JSON.stringify(redactValue(JSON.parse(body)))}\n`;
  } catch {
    return `${redactText(body)}\n`;
  }
}
