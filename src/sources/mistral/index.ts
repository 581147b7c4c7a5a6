// The 'mistral' source: the Matrix side's own checks, written to the sol slice. It runs whenever the kube
// client exists:
//   - Sol's brain (only with the Mistral client, MISTRAL_API_KEY): at start and every intervalMs (60 s), one
//     streamed one-token completion (check.ts); the record goes to sol.last and sol.history (the last ten), the
//     health to sources.mistral. A 429 pushes the next check to its Retry-After when that is later. Without the
//     client the health says "not connected: set MISTRAL_API_KEY" and no check runs.
//   - The alert bot's Secret (monitoring/matrix-bot-secret): at start and every secretIntervalMs (30 s), a
//     metadata-only GET (bot-secret.ts) -> sol.botSecret.
// synced() resolves once both have answered once (or what stands in their way is known), or after syncedWithinMs
// (8 s) at the latest: a one-shot (`check`) waits for every source's first read within 10 s, and a stalled API
// takes the stall window to tell; until a check ends the health says connecting and the ladder says nothing.
import type { KubeClients } from '../../kube/client.js';
import type { AppStore } from '../../store/index.js';
import type { SourceState } from '../../store/records.js';
import type { SolCheck, SolFailure } from '../../store/sol-slice.js';
import { createHealthReporter } from '../core/health-reporter.js';
import type { Source } from '../source.js';
import { BOT_SECRET, checkBotSecret } from './bot-secret.js';
import { checkBrain } from './check.js';
import type { MistralClient } from './client.js';

export const NOT_CONNECTED = 'not connected: set MISTRAL_API_KEY';
const HISTORY = 10;

export interface SolSourceOptions {
  /** Between two brain checks (ms); default 60 s. */
  intervalMs?: number;
  /** Between two looks at the bot Secret (ms); default 30 s. */
  secretIntervalMs?: number;
  /** The check's header timeout and stall window (ms); default 10 s each. */
  timeoutMs?: number;
  stallMs?: number;
  /** synced() resolves after this at the latest (ms); default 8 s. */
  syncedWithinMs?: number;
  /** The bot Secret; default monitoring/matrix-bot-secret. */
  botSecret?: { namespace: string; name: string };
  now?: () => number;
}

/** What a failed check means for the source's health. */
const STATE_OF: Record<SolFailure, SourceState> = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  'rate-limited': 'degraded',
  stalled: 'degraded',
  'server-error': 'degraded',
  'bad-stream': 'degraded',
  timeout: 'timeout',
  unreachable: 'unreachable',
};

export function createSolSource(store: AppStore, clients: { kube: Pick<KubeClients, 'kc' | 'server'>; mistral?: MistralClient }, opts: SolSourceOptions = {}): Source {
  const now = opts.now ?? Date.now;
  const intervalMs = opts.intervalMs ?? 60_000;
  const secretIntervalMs = opts.secretIntervalMs ?? 30_000;
  const secret = opts.botSecret ?? BOT_SECRET;
  const mistral = clients.mistral;
  const actions = () => store.getState().actions;
  const health = createHealthReporter((h) => actions().setSource('mistral', h), now);
  const abort = new AbortController();
  let started = false;
  let stopped = false;
  let brainTimer: NodeJS.Timeout | undefined;
  let secretTimer: NodeJS.Timeout | undefined;
  let brainDone = !mistral || !!mistral.problem;
  let secretDone = false;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));
  let syncedTimer: NodeJS.Timeout | undefined;
  const maybeSynced = () => {
    if (!brainDone || !secretDone) return;
    clearTimeout(syncedTimer);
    resolveSynced();
  };

  function record(check: SolCheck): void {
    const history = [...store.getState().sol.history, check].slice(-HISTORY);
    actions().setSol({ last: check, history });
    if (check.ok) {
      health.succeeded(check.at);
      health.publish({ state: 'ok', detail: `${check.model ?? 'the model'} answered its first token in ${check.ttftMs} ms` }, true);
    } else {
      health.publish({ state: STATE_OF[check.failure ?? 'unreachable'], lastError: check.error ?? 'Sol\'s brain check failed' });
    }
  }

  async function brain(): Promise<void> {
    if (stopped || !mistral) return;
    const check = await checkBrain(mistral, { signal: abort.signal, now, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.stallMs !== undefined ? { stallMs: opts.stallMs } : {}) });
    if (stopped || !check) return;
    record(check);
    brainDone = true;
    maybeSynced();
    const wait = Math.max(intervalMs, (check.retryAfterS ?? 0) * 1000);
    brainTimer = setTimeout(() => void brain(), wait);
    brainTimer.unref?.();
  }

  async function botSecret(): Promise<void> {
    if (stopped) return;
    const state = await checkBotSecret(clients.kube, secret, 10_000, abort.signal);
    if (stopped) return;
    actions().setSol({ botSecret: { state, checkedAt: now() } });
    secretDone = true;
    maybeSynced();
    secretTimer = setTimeout(() => void botSecret(), secretIntervalMs);
    secretTimer.unref?.();
  }

  return {
    id: 'mistral',
    start() {
      if (started || stopped) return;
      started = true;
      syncedTimer = setTimeout(resolveSynced, opts.syncedWithinMs ?? 8_000);
      syncedTimer.unref?.();
      if (!mistral) health.publish({ state: 'not-connected', lastError: NOT_CONNECTED }, true);
      else if (mistral.problem) {
        actions().setSol({ base: mistral.base });
        health.publish({ state: 'unreachable', lastError: mistral.problem }, true);
      } else {
        actions().setSol({ base: mistral.base });
        health.publish({ state: 'connecting' }, true);
        void brain();
      }
      void botSecret();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      clearTimeout(brainTimer);
      clearTimeout(secretTimer);
      clearTimeout(syncedTimer);
      health.stop();
      resolveSynced();
    },
    synced: () => syncedPromise,
    health: () => health.current(),
  };
}
