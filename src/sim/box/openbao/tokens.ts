// OpenBao's token store, as much of it as the Box needs: the demo's root token (what `sim` exports as
// BAO_TOKEN), which a scenario can have expired. Unknown and expired tokens are refused alike.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenInfo {
  id: string;
  accessor: string;
  creationTime: number;
  policies: string[];
  displayName: string;
  path: string;
  /** Seconds it lives (0: never expires, as a root token). */
  ttl: number;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number): string {
  return [...randomBytes(n)].map((b) => BASE62[b % 62]).join('');
}

export class TokenStore {
  readonly root: TokenInfo;
  private expired = false;

  constructor(now: () => Date) {
    this.root = {
      id: `s.${base62(24)}`,
      accessor: base62(24),
      creationTime: Math.floor(now().getTime() / 1000) - 55 * 86_400,
      policies: ['root'],
      displayName: 'root',
      path: 'auth/token/root',
      ttl: 0,
    };
  }

  /** The scenario vault-token-expired: the exported token no longer works. */
  expire(): void {
    this.expired = true;
  }

  /** The token for an X-Vault-Token header, or undefined (OpenBao then answers 403 permission denied). */
  lookup(header: string | undefined): TokenInfo | undefined {
    if (this.expired || !header) return undefined;
    const a = Buffer.from(header);
    const b = Buffer.from(this.root.id);
    return a.length === b.length && timingSafeEqual(a, b) ? this.root : undefined;
  }
}
