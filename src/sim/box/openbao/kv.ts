// OpenBao's KV version 2 engine at `secret/`: versioned secrets with check-and-set, soft deletes and
// metadata. The values live only here, in memory; changes are reported (path and version, never a value)
// so the Vault Secrets Operator can sync the Kubernetes Secrets that mirror them.

export interface KvVersion {
  data: Record<string, unknown> | null;
  created: string;
  /** When it was soft-deleted ('' when not). */
  deleted: string;
  destroyed: boolean;
}

export interface KvSecret {
  created: string;
  updated: string;
  current: number;
  oldest: number;
  maxVersions: number;
  casRequired: boolean;
  customMetadata: Record<string, string> | null;
  versions: Map<number, KvVersion>;
}

/** A KV request OpenBao refuses: its status and its words. */
export class KvError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class KvStore {
  private readonly secrets = new Map<string, KvSecret>();

  constructor(
    private readonly now: () => Date,
    private readonly onWrite: (path: string, version: number) => void,
  ) {}

  private clean(path: string): string {
    return path.replace(/^\/+|\/+$/g, '');
  }

  get(path: string): KvSecret | undefined {
    return this.secrets.get(this.clean(path));
  }

  /** The version asked for (0 or none: the current one). */
  read(path: string, version = 0): { secret: KvSecret; version: number; entry: KvVersion } | undefined {
    const secret = this.get(path);
    if (!secret) return undefined;
    const v = version || secret.current;
    const entry = secret.versions.get(v);
    return entry ? { secret, version: v, entry } : undefined;
  }

  /** A new version (`cas`: the version the writer last saw, 0 to create only). */
  write(path: string, data: Record<string, unknown>, cas?: number): number {
    const p = this.clean(path);
    const now = this.now().toISOString();
    const existing = this.secrets.get(p);
    if (existing?.casRequired && cas === undefined) throw new KvError(400, 'check-and-set parameter required for this call');
    if (cas !== undefined && cas !== (existing?.current ?? 0)) throw new KvError(400, 'check-and-set parameter did not match the current version');
    const secret: KvSecret = existing ?? { created: now, updated: now, current: 0, oldest: 0, maxVersions: 0, casRequired: false, customMetadata: null, versions: new Map() };
    secret.current++;
    secret.updated = now;
    if (!secret.oldest) secret.oldest = secret.current;
    secret.versions.set(secret.current, { data: structuredClone(data), created: now, deleted: '', destroyed: false });
    const max = secret.maxVersions || 10;
    while (secret.versions.size > max) {
      secret.versions.delete(secret.oldest);
      secret.oldest++;
    }
    this.secrets.set(p, secret);
    this.onWrite(p, secret.current);
    return secret.current;
  }

  /** PATCH: the current version's data merged with `data` (null removes a key), as a new version. */
  patch(path: string, data: Record<string, unknown>, cas?: number): number {
    const cur = this.read(path);
    if (!cur || cur.entry.deleted || cur.entry.destroyed) throw new KvError(404, '');
    const merged: Record<string, unknown> = { ...(cur.entry.data ?? {}) };
    for (const [k, v] of Object.entries(data)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    return this.write(path, merged, cas);
  }

  /** Soft-deletes versions (none given: the current one). */
  softDelete(path: string, versions?: number[]): void {
    const secret = this.get(path);
    if (!secret) return;
    const now = this.now().toISOString();
    for (const v of versions ?? [secret.current]) {
      const e = secret.versions.get(v);
      if (e && !e.destroyed && !e.deleted) e.deleted = now;
    }
  }

  undelete(path: string, versions: number[]): void {
    const secret = this.get(path);
    for (const v of versions) {
      const e = secret?.versions.get(v);
      if (e && !e.destroyed) e.deleted = '';
    }
  }

  destroy(path: string, versions: number[]): void {
    const secret = this.get(path);
    for (const v of versions) {
      const e = secret?.versions.get(v);
      if (e) {
        e.destroyed = true;
        e.data = null;
      }
    }
  }

  /** Deletes the metadata and every version. */
  deleteAll(path: string): void {
    this.secrets.delete(this.clean(path));
  }

  setMetadata(path: string, m: { maxVersions?: number; casRequired?: boolean; customMetadata?: Record<string, string> }): void {
    const p = this.clean(path);
    const now = this.now().toISOString();
    const secret = this.secrets.get(p) ?? { created: now, updated: now, current: 0, oldest: 0, maxVersions: 0, casRequired: false, customMetadata: null, versions: new Map() };
    if (m.maxVersions !== undefined) secret.maxVersions = m.maxVersions;
    if (m.casRequired !== undefined) secret.casRequired = m.casRequired;
    if (m.customMetadata !== undefined) secret.customMetadata = m.customMetadata;
    secret.updated = now;
    this.secrets.set(p, secret);
  }

  /** The keys directly under `dir` (folders end in '/'), sorted. */
  list(dir: string): string[] {
    const prefix = this.clean(dir) ? `${this.clean(dir)}/` : '';
    const keys = new Set<string>();
    for (const p of this.secrets.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      keys.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    return [...keys].filter(Boolean).sort();
  }
}
