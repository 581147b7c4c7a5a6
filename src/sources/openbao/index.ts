// The OpenBao source: each replica's seal status and health every 2 s (sys/seal-status and sys/health through
// the Kubernetes API's pod proxy, since a sealed pod drops out of the Service; BAO_ADDR itself while no pod of
// the StatefulSet is known), sys/leader every 15 s, the token's lookup-self every 30 s. A replica that does not
// answer is polled again with backoff (2 s doubling to 15 s); its last known state stays, marked unreachable.
// While an unseal is in progress (a replica sealed with shares entered, or an unseal answered in the last 30 s)
// it polls every 250 ms, and what an unseal answers (clients.reportSealStatus, from the bao writer) reaches the
// store at once, so that the ladder clears within a second of the last share. Every request is counted
// (requests()): idle, one replica costs one request a second, plus the slow reads.
import type { AppStore } from '../../store/index.js';
import type { BaoNotice, BaoReplica, BaoToken } from '../../store/openbao-slice.js';
import type { SourceHealth } from '../../store/records.js';
import { createBackoff, type Backoff } from '../core/backoff.js';
import { createCoalescer, type Batch } from '../core/coalescer.js';
import { createHealthReporter } from '../core/health-reporter.js';
import type { Source } from '../source.js';
import { OPENBAO, type BaoClients, type BaoEndpoint } from './client.js';
import { describeBaoError, type BaoErrorInfo } from './errors.js';
import { replicaRecord, sealStatusOf, tokenRecord, unreachableRecord, unsealNotices, type HealthBody, type LeaderBody } from './records.js';

export interface OpenbaoSourceOptions {
  pollMs?: number;
  /** While an unseal is in progress. */
  fastPollMs?: number;
  /** How long after an unseal answer the source polls fast. */
  fastForMs?: number;
  leaderMs?: number;
  tokenMs?: number;
  backoffMs?: [number, number];
  flushMs?: number;
  now?: () => number;
}

export interface OpenbaoSource extends Source {
  /** Requests sent so far through the session's OpenBao clients (this source's and any action's). */
  requests(): number;
}

type Group = 'replicas' | 'notices' | 'token';
type Item = BaoReplica | BaoNotice | BaoToken;

interface Target {
  name: string;
  timer?: NodeJS.Timeout;
  backoff: Backoff;
  /** Bumped by an unseal answer: a poll that started before it is dropped (it would read as a reset). */
  generation: number;
  ours: boolean;
  lastLeaderAt: number;
  failure?: BaoErrorInfo;
  polled: boolean;
  stopped: boolean;
}

/** The pods of the OpenBao StatefulSet the Kubernetes source knows, by name. */
export function replicaNames(state: ReturnType<AppStore['getState']>): string[] {
  const re = new RegExp(`^${OPENBAO.statefulSet}-\\d+$`);
  return Object.values(state.kube.pods)
    .filter((p) => p.namespace === OPENBAO.namespace && (p.ownerKind === 'StatefulSet' ? p.ownerName === OPENBAO.statefulSet : re.test(p.name)))
    .map((p) => p.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function isKubeStatus(body: unknown): boolean {
  return !!body && typeof body === 'object' && (body as { kind?: unknown }).kind === 'Status';
}

export function createOpenbaoSource(store: AppStore, clients: BaoClients, opts: OpenbaoSourceOptions = {}): OpenbaoSource {
  const now = opts.now ?? Date.now;
  const pollMs = opts.pollMs ?? 2000;
  const fastPollMs = opts.fastPollMs ?? 250;
  const fastForMs = opts.fastForMs ?? 30_000;
  const leaderMs = opts.leaderMs ?? 15_000;
  const tokenMs = opts.tokenMs ?? 30_000;
  const [bMin, bMax] = opts.backoffMs ?? [2000, 15_000];
  const actions = () => store.getState().actions;
  const health = createHealthReporter((h) => actions().setSource('openbao', h), now);
  const targets = new Map<string, Target>();
  let started = false;
  let stopped = false;
  let fastUntil = 0;
  let reconcileTimer: NodeJS.Timeout | undefined;
  let tokenTimer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));
  let syncedMarked = false;
  let tokenRead = false;

  const buffer = createCoalescer<Group, Item>({ flushMs: opts.flushMs ?? 100, flush, now });

  function flush(batch: Batch<Group, Item>): void {
    const replicas = (batch.get('replicas')?.upsert ?? []) as BaoReplica[];
    const remove = batch.get('replicas')?.remove ?? [];
    const notices = (batch.get('notices')?.upsert ?? []) as BaoNotice[];
    const token = batch.get('token')?.upsert[0] as BaoToken | undefined;
    const all = [...targets.values()];
    const synced = !syncedMarked && tokenRead && all.length > 0 && all.every((t) => t.polled);
    actions().applyOpenbao({ replicas, remove, notices, ...(token ? { token } : {}), ...(synced ? { synced: true } : {}) });
    publishHealth();
    if (synced) {
      syncedMarked = true;
      resolveSynced();
    }
  }

  function publishHealth(): void {
    const all = [...targets.values()].filter((t) => t.polled);
    if (all.length === 0) return;
    const failing = all.filter((t) => t.failure);
    const h: SourceHealth = { state: 'ok' };
    if (failing.length === all.length) {
      const kinds = failing.map((t) => t.failure!.kind);
      h.state = kinds.includes('unauthorized') ? 'unauthorized' : kinds.includes('proxy-forbidden') || kinds.includes('forbidden') ? 'forbidden' : kinds.every((k) => k === 'timeout') ? 'timeout' : 'unreachable';
      h.lastError = failing[0]!.failure!.sentence;
    } else if (failing.length) {
      h.state = 'degraded';
      h.lastError = failing.length === 1 ? failing[0]!.failure!.sentence : `${failing[0]!.failure!.sentence} (${failing.length} of ${all.length} replicas not answering)`;
    } else {
      health.succeeded(now());
    }
    health.publish(h);
  }

  function current(name: string): BaoReplica | undefined {
    return store.getState().openbao.replicas[name];
  }

  /** The record the next comparison starts from: what the store has, or what is buffered for it. */
  const pending = new Map<string, BaoReplica>();
  function put(r: BaoReplica): void {
    pending.set(r.name, r);
    buffer.put('replicas', r.name, r);
  }
  const latest = (name: string) => pending.get(name) ?? current(name);

  function where(name: string): string {
    return name === 'service' ? `OpenBao at ${clients.addr}` : `${name} (through the Kubernetes API)`;
  }

  function unsealing(): boolean {
    if (now() < fastUntil) return true;
    return [...targets.keys()].some((n) => {
      const r = latest(n);
      return r?.sealed === true && (r.progress ?? 0) > 0;
    });
  }

  function schedule(t: Target, ms: number): void {
    if (stopped || t.stopped) return;
    clearTimeout(t.timer);
    t.timer = setTimeout(() => void poll(t), ms);
  }

  async function readOnce(t: Target, ep: BaoEndpoint): Promise<BaoReplica> {
    const [sealBody, healthBody] = await Promise.all([ep.vault.status(), ep.vault.health()]);
    if (isKubeStatus(healthBody)) throw Object.assign(new Error('pod proxy'), { response: { statusCode: (healthBody as { code?: number }).code ?? 503, body: healthBody } });
    const seal = sealStatusOf(sealBody);
    let leader: LeaderBody | undefined;
    if (seal.sealed === false && now() - t.lastLeaderAt >= leaderMs) {
      try {
        leader = (await ep.vault.leader()) as LeaderBody;
        t.lastLeaderAt = now();
      } catch {
        // sys/leader is extra: the seal state stands without it.
      }
    }
    return replicaRecord(t.name, seal, healthBody as HealthBody, leader, now(), latest(t.name));
  }

  async function poll(t: Target): Promise<void> {
    if (stopped || t.stopped) return;
    const gen = t.generation;
    let next = pollMs;
    try {
      const ep = t.name === 'service' ? clients.service : await clients.replica(t.name);
      if (!ep) throw new Error('no Kubernetes client for the pod proxy');
      const rec = await readOnce(t, ep);
      if (stopped || t.stopped) return;
      if (gen !== t.generation) {
        schedule(t, 0);
        return;
      }
      const notices = unsealNotices(latest(t.name), rec, now(), t.ours);
      t.ours = false;
      for (const n of notices) buffer.put('notices', `${n.replica}:${n.at}:${n.kind}`, n);
      put(rec);
      t.failure = undefined;
      t.backoff.reset();
    } catch (err) {
      if (stopped || t.stopped) return;
      t.failure = describeBaoError(err, where(t.name), clients.tokenFrom);
      put(unreachableRecord(t.name, t.failure.sentence, latest(t.name)));
      next = t.backoff.next();
    }
    t.polled = true;
    buffer.schedule();
    if (!t.failure && unsealing()) next = fastPollMs;
    schedule(t, next);
  }

  function reconcile(): void {
    if (stopped) return;
    const names = replicaNames(store.getState());
    const wanted = names.length ? names : ['service'];
    for (const [name, t] of targets) {
      if (wanted.includes(name)) continue;
      t.stopped = true;
      clearTimeout(t.timer);
      targets.delete(name);
      pending.delete(name);
      buffer.put('replicas', name, null);
    }
    for (const name of wanted) {
      if (targets.has(name)) continue;
      const t: Target = { name, backoff: createBackoff({ minMs: bMin, maxMs: bMax }), generation: 0, ours: false, lastLeaderAt: -Infinity, polled: false, stopped: false };
      targets.set(name, t);
      schedule(t, 0);
    }
  }

  async function readToken(): Promise<void> {
    if (stopped) return;
    let rec: BaoToken;
    if (!clients.hasToken) {
      rec = { state: 'none', error: 'No OpenBao token: set BAO_TOKEN (or run bao login) to read KV and check the token.', checkedAt: now() };
    } else {
      try {
        rec = tokenRecord(await clients.service.vault.tokenLookupSelf(), now(), clients.tokenFrom);
      } catch (err) {
        const info = describeBaoError(err, `OpenBao at ${clients.addr}`, clients.tokenFrom);
        rec = { state: info.kind === 'forbidden' ? 'invalid' : 'unknown', error: info.sentence, checkedAt: now() };
        if (clients.tokenFrom) rec.from = clients.tokenFrom;
      }
    }
    if (stopped) return;
    tokenRead = true;
    buffer.put('token', 'token', rec);
    tokenTimer = setTimeout(() => void readToken(), tokenMs);
  }

  /** An unseal's answer (from the bao writer): written at once, and the next reads come fast. */
  function onSealStatus(name: string, body: unknown): void {
    if (stopped) return;
    fastUntil = now() + fastForMs;
    const t = targets.get(name) ?? (name === 'service' ? undefined : targets.get('service'));
    const seal = sealStatusOf(body);
    const prev = latest(name);
    if (t && t.name === name) {
      t.generation++;
      t.ours = true;
    }
    if (prev || t) {
      put(replicaRecord(name, seal, undefined, undefined, now(), prev));
      buffer.schedule();
    }
    if (t) schedule(t, fastPollMs);
    for (const o of targets.values()) if (o !== t && !o.failure) schedule(o, fastPollMs);
  }

  return {
    id: 'openbao',
    start() {
      if (started || stopped) return;
      started = true;
      actions().applyOpenbao({ addr: clients.addr });
      if (clients.problem) {
        health.publish({ state: 'unreachable', lastError: clients.problem }, true);
        resolveSynced();
        return;
      }
      health.publish({ state: 'connecting' }, true);
      unsubscribe = clients.onSealStatus(onSealStatus);
      reconcile();
      reconcileTimer = setInterval(reconcile, pollMs);
      reconcileTimer.unref();
      void readToken();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(reconcileTimer);
      clearTimeout(tokenTimer);
      unsubscribe?.();
      for (const t of targets.values()) {
        t.stopped = true;
        clearTimeout(t.timer);
      }
      buffer.stop();
      health.stop();
    },
    synced: () => syncedPromise,
    health: () => health.current(),
    requests: () => clients.requests(),
  };
}
