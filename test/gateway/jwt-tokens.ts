import { createPrivateKey, createSecretKey, KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { TEST_IDP } from '@weft/testing';

export interface Claims {
  sub?: string;
  scope?: string;
  iss?: string;
  aud?: string;
  /** Seconds relative to now. */
  exp?: number;
  nbf?: number;
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

/** A token signed with any key and alg; defaults are the test IdP's issuer/audience and a 10-minute lifetime. */
export function sign(key: KeyObject, alg: string, claims: Claims = {}, kid?: string): Promise<string> {
  const jwt = new SignJWT({ scope: claims.scope ?? '' })
    .setProtectedHeader({ alg, typ: 'at+jwt', ...(kid ? { kid } : {}) })
    .setIssuer(claims.iss ?? TEST_IDP.issuer)
    .setAudience(claims.aud ?? TEST_IDP.audience)
    .setSubject(claims.sub ?? 'test-client')
    .setIssuedAt(now() - 120)
    .setExpirationTime(now() + (claims.exp ?? 600));
  if (claims.nbf !== undefined) jwt.setNotBefore(now() + claims.nbf);
  return jwt.sign(key);
}

export const signPem = (pem: string, alg: string, claims?: Claims, kid?: string): Promise<string> =>
  sign(createPrivateKey(pem), alg, claims, kid);

/** alg "none": the classic bypass, an unsigned token. */
export function unsignedToken(claims: Claims = {}): string {
  const payload = {
    sub: claims.sub ?? 'test-client',
    scope: claims.scope ?? '',
    iss: TEST_IDP.issuer,
    aud: TEST_IDP.audience,
    exp: now() + 600,
  };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

/** Algorithm confusion: HS256 keyed with the public key's PEM text, as a naive verifier would accept. */
export function hmacWithPublicPem(publicPem: string, claims: Claims = {}): Promise<string> {
  return sign(createSecretKey(Buffer.from(publicPem)), 'HS256', claims);
}
