// Bearer-token checks in constant time, for every simulated server that wants a token (the Kubernetes API
// now; OpenBao's X-Vault-Token and others take the same comparison).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random token, URL-safe. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Whether `got` equals `expected`, without leaking where they differ through timing. */
function sameSecret(got: string | undefined, expected: string): boolean {
  const a = Buffer.from(got ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A check of `Authorization: Bearer <token>`. */
export function bearerCheck(token: string): (req: IncomingMessage) => boolean {
  const expected = `Bearer ${token}`;
  return (req) => sameSecret(req.headers.authorization, expected);
}
