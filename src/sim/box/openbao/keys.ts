// OpenBao's Shamir seal, for real: a random 32-byte unseal key split into five shares (threshold three) with
// the audited shamir-secret-sharing package (GF(2^8), each share its y-bytes then its x-coordinate byte,
// the layout of Vault's and OpenBao's shamir package), and a root key stored encrypted under the unseal key
// with AES-256-GCM, as OpenBao stores its root key under the Shamir key-encryption key. Only a combination
// that authenticates against that stored blob opens the vault; anything else fails as OpenBao fails.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';

export const KEY_SHARES = 5;
export const KEY_THRESHOLD = 3;
/** The barrier's key lengths (AES-GCM: 16 to 32 bytes); a share is one byte longer (its x-coordinate). */
export const MIN_KEY_BYTES = 16;
export const MAX_SHARE_BYTES = 33;

/** What storage holds: the root key sealed under the unseal key (never the unseal key or a share). */
interface StoredKeys {
  iv: Buffer;
  tag: Buffer;
  sealedRootKey: Buffer;
}

/** A failure OpenBao reports for an unseal attempt: its HTTP status and its exact error text. */
export class UnsealError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SealKeys {
  private constructor(private readonly stored: StoredKeys) {}

  /** `bao operator init -key-shares=5 -key-threshold=3`: the keys and the five shares, base64. */
  static async init(): Promise<{ keys: SealKeys; shares: string[] }> {
    const unsealKey = randomBytes(32);
    const rootKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', unsealKey, iv);
    const sealedRootKey = Buffer.concat([cipher.update(rootKey), cipher.final()]);
    const parts = await split(new Uint8Array(unsealKey), KEY_SHARES, KEY_THRESHOLD);
    unsealKey.fill(0);
    rootKey.fill(0);
    const shares = parts.map((p) => Buffer.from(p).toString('base64'));
    for (const p of parts) p.fill(0);
    return { keys: new SealKeys({ iv, tag: cipher.getAuthTag(), sealedRootKey }), shares };
  }

  /**
   * Combines the parts given so far and opens the stored root key with the result. Throws an UnsealError
   * with OpenBao's words when the parts do not combine or the result is not the unseal key.
   */
  async open(parts: Uint8Array[]): Promise<void> {
    if (new Set(parts.map((p) => p.length)).size > 1) throw new UnsealError(400, 'invalid key: failed to compute combined key: all parts must be the same length');
    if (new Set(parts.map((p) => p[p.length - 1])).size < parts.length) throw new UnsealError(400, 'invalid key: failed to compute combined key: duplicate part detected');
    let combined: Uint8Array;
    // the package wants plain Uint8Arrays (not Buffers): copies, wiped once combined
    const copies = parts.map((p) => Uint8Array.from(p));
    try {
      combined = await combine(copies);
    } catch (err) {
      throw new UnsealError(400, `invalid key: failed to compute combined key: ${(err as Error).message}`);
    } finally {
      for (const c of copies) c.fill(0);
    }
    const key = Buffer.from(combined);
    combined.fill(0);
    try {
      if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
        throw new UnsealError(400, `invalid key: failed to setup unseal key: crypto/aes: invalid key size ${key.length}`);
      }
      const decipher = createDecipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, this.stored.iv);
      decipher.setAuthTag(this.stored.tag);
      const root = Buffer.concat([decipher.update(this.stored.sealedRootKey), decipher.final()]);
      root.fill(0);
    } catch (err) {
      if (err instanceof UnsealError) throw err;
      // OpenBao wraps the invalid-key error with %w, which its HTTP handler does not see through: a 500
      throw new UnsealError(500, 'unable to retrieve stored keys: invalid key: failed to decrypt keys from storage: cipher: message authentication failed');
    } finally {
      key.fill(0);
    }
  }
}
