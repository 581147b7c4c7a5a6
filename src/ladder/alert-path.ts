// "Alerts -> Matrix" (the playbook's section): the Box's path Prometheus -> AlertManager -> webhook ->
// matrix-alertmanager-receiver -> Matrix room, hop by hop, from what the console knows, and which hop is broken.
// Pure. The Alerts pane renders it; the rule rules/alert-path.ts turns a broken path into one finding.
//
// The output (MatrixPath), for the pane:
//   hops     four PathHop, in the path's order, each { id, label, verdict: 'ok' | 'failing' | 'unknown', sentence }:
//     'alertmanager'  Prometheus -> AlertManager: AlertManager answers and gets alerts (the Watchdog, Prometheus's
//                     dead man's switch, present = Prometheus reaches it).
//     'webhook'       AlertManager -> the receiver: its notifications to the receiver whose webhook URL points at
//                     matrix-alertmanager-receiver (alerts.receivers + alerts.notify's recent failures; no counters
//                     = unknown, never ok).
//     'receiver'      the receiver's pod runs and is ready (Kubernetes).
//     'matrix'        the receiver -> the Matrix room: its error lines (Loki; no Loki = unknown) and the bot's
//                     Secret present (sol.botSecret, metadata only).
//   verdict  failing when a hop fails, ok when every hop is ok, unknown otherwise.
//   broken   the deepest failing hop (the one to fix: an upstream hop's failures follow from it), if any.
//   sentence one sentence: the failing hops' evidence in the path's order ("AlertManager's webhook to
//            matrix-alertmanager-receiver failed 12 times in 5m; the receiver wrote 40 error lines ..."),
//            else what cannot be told, else that the path works.
import type { AlertsSlice } from '../store/alerts-slice.js';
import type { PodRecord } from '../store/records.js';
import type { SolSlice } from '../store/sol-slice.js';
import { humanDuration } from './age.js';
import { ALERTS_STALE_MS } from './alerts-verdict.js';
import { lokiLive } from './rules/loki.js';
import { plural } from './rules/util.js';
import { sourceStateWords } from './source-state.js';
import type { LadderState } from './types.js';

export type HopVerdict = 'ok' | 'failing' | 'unknown';

export interface PathHop {
  id: 'alertmanager' | 'webhook' | 'receiver' | 'matrix';
  label: string;
  verdict: HopVerdict;
  sentence: string;
}

export interface MatrixPath {
  hops: PathHop[];
  verdict: HopVerdict;
  broken?: PathHop;
  sentence: string;
}

/** The Box's receiver: monitoring/matrix-alertmanager-receiver, and the bot's Secret beside it. */
export const RECEIVER = { namespace: 'monitoring', name: 'matrix-alertmanager-receiver' } as const;
export const BOT_SECRET_NAME = 'matrix-bot-secret';

/** The Watchdog's alert names (Prometheus's dead man's switch). */
const WATCHDOG = new Set(['Watchdog', 'DeadMansSwitch']);
/** A look at the bot Secret older than this says nothing of now (it is looked at every 30 s). */
export const BOT_SECRET_STALE_MS = 120_000;

type Alerts = AlertsSlice['alerts'];

const hop = (id: PathHop['id'], label: string, verdict: HopVerdict, sentence: string): PathHop => ({ id, label, verdict, sentence });

/** Whether the alerts slice is AlertManager's answer of now; why not, when it is not. */
function alertsLive(state: LadderState, now: number): { alerts: Alerts } | { why: string } {
  const h = state.sources.alertmanager;
  const a = state.alerts;
  if (!h || h.state === 'not-connected') return { why: 'AlertManager is not connected (set ALERTMANAGER_URL)' };
  if (!a?.checkedAt || (h.state !== 'ok' && h.state !== 'degraded')) return { why: h.state === 'connecting' || h.state === 'ok' ? 'AlertManager has not answered yet' : `AlertManager ${sourceStateWords(h.state)}${h.lastError ? ` (${h.lastError.replace(/\.$/, '')})` : ''}` };
  if (now - a.checkedAt > ALERTS_STALE_MS) return { why: `AlertManager's last answer is ${humanDuration(now - a.checkedAt)} old` };
  return { alerts: a };
}

function alertmanagerHop(live: { alerts: Alerts } | { why: string }): PathHop {
  const label = 'Prometheus -> AlertManager';
  if ('why' in live) return hop('alertmanager', label, 'unknown', `${live.why}: cannot tell whether alerts reach it`);
  const a = live.alerts;
  if (a.flavour === 'grafana') return hop('alertmanager', label, 'ok', `Grafana's Alertmanager answers (${plural(a.alerts.length, 'alert')})`);
  if (a.alerts.some((x) => WATCHDOG.has(x.alertname))) return hop('alertmanager', label, 'ok', "AlertManager answers and has Prometheus's Watchdog: Prometheus reaches it");
  if (a.alerts.length === 0) return hop('alertmanager', label, 'failing', "AlertManager answers but has no alert at all, not even Prometheus's Watchdog: Prometheus does not reach it");
  return hop('alertmanager', label, 'unknown', `AlertManager has ${plural(a.alerts.length, 'alert')} but no Watchdog: cannot tell whether Prometheus still reaches it`);
}

function webhookHop(live: { alerts: Alerts } | { why: string }): PathHop {
  const label = 'AlertManager -> webhook to matrix-alertmanager-receiver';
  if ('why' in live) return hop('webhook', label, 'unknown', `${live.why}: its notifications cannot be read`);
  const a = live.alerts;
  if (a.receivers.length === 0) return hop('webhook', label, 'unknown', "AlertManager's receivers cannot be read: cannot tell where its webhooks go");
  const mine = a.receivers.filter((r) => r.webhookUrls.some((u) => u.includes(RECEIVER.name)));
  if (mine.length === 0) return hop('webhook', label, 'failing', `No receiver of AlertManager's configuration sends to ${RECEIVER.name} (receivers: ${a.receivers.map((r) => r.name).join(', ')})`);
  const names = new Set(mine.map((r) => r.name));
  if (!a.notify) return hop('webhook', label, 'unknown', `AlertManager's notification counters cannot be read: cannot tell whether its webhook to ${RECEIVER.name} works`);
  const stats = a.notify.filter((n) => n.integration === 'webhook' && (n.receiver === undefined || names.has(n.receiver)));
  if (stats.length === 0) return hop('webhook', label, 'unknown', `AlertManager has no webhook counters for ${[...names].join(', ')}`);
  const failed = stats.reduce((n, s) => n + Math.max(s.recentFailed, s.recentRequestsFailed), 0);
  const sent = stats.reduce((n, s) => n + s.recentTotal, 0);
  const spanMs = Math.max(...stats.map((s) => s.recentMs));
  const span = humanDuration(spanMs);
  if (spanMs === 0 && failed === 0) {
    // One read of the counters: an increase needs a second one.
    const ever = stats.reduce((n, s) => n + s.failed, 0);
    return hop('webhook', label, 'unknown', `One read of AlertManager's counters so far${ever ? ` (its webhook to ${RECEIVER.name} has failed ${plural(ever, 'time')} since it started)` : ''}: the next read tells whether it fails now`);
  }
  if (failed > 0) return hop('webhook', label, 'failing', `AlertManager's webhook to ${RECEIVER.name} failed ${plural(failed, 'time')} in ${span}`);
  return hop('webhook', label, 'ok', `AlertManager's webhook to ${RECEIVER.name}: ${plural(sent, 'notification')} in ${span}, none failed`);
}

function receiverPods(state: LadderState): PodRecord[] {
  return Object.values(state.kube.pods).filter(
    (p) => p.namespace === RECEIVER.namespace && (p.ownerName === RECEIVER.name || p.labels.app === RECEIVER.name || p.labels['app.kubernetes.io/name'] === RECEIVER.name),
  );
}

function receiverHop(state: LadderState): PathHop {
  const label = `${RECEIVER.name}'s pod`;
  if (!state.kube.synced.pods) return hop('receiver', label, 'unknown', "The Box's pods are not listed yet");
  const pods = receiverPods(state).filter((p) => !p.deleting && p.phase !== 'Succeeded');
  if (pods.length === 0) {
    const w = Object.values(state.kube.workloads).find((x) => x.namespace === RECEIVER.namespace && x.name === RECEIVER.name);
    // No workload by that name at all: this Box may route its alerts another way; cannot tell.
    if (!w) return hop('receiver', label, 'unknown', `There is no workload ${RECEIVER.namespace}/${RECEIVER.name} to check`);
    return hop('receiver', label, 'failing', `${RECEIVER.namespace}/${RECEIVER.name} has no pod (${w.ready}/${w.desired} ready): nothing receives AlertManager's webhook`);
  }
  const ready = pods.filter((p) => p.phase === 'Running' && p.readyContainers === p.totalContainers && p.totalContainers > 0);
  if (ready.length) return hop('receiver', label, 'ok', `${RECEIVER.name} runs (${ready.map((p) => p.name).join(', ')} ready)`);
  return hop('receiver', label, 'failing', `${RECEIVER.name}'s pod is not ready (${pods.map((p) => `${p.name}: ${p.status}`).join('; ')})`);
}

function botSecretWords(s: SolSlice['sol']['botSecret'], now: number): { verdict: HopVerdict; sentence: string } {
  if (!s) return { verdict: 'unknown', sentence: `whether ${BOT_SECRET_NAME} exists is not known yet` };
  if (now - s.checkedAt > BOT_SECRET_STALE_MS) return { verdict: 'unknown', sentence: `the last look at ${BOT_SECRET_NAME} is ${humanDuration(now - s.checkedAt)} old` };
  if (s.state === 'present') return { verdict: 'ok', sentence: `${BOT_SECRET_NAME} is there` };
  if (s.state === 'missing') return { verdict: 'failing', sentence: `the Secret ${RECEIVER.namespace}/${BOT_SECRET_NAME} is missing: the bot has no Matrix credentials` };
  return { verdict: 'unknown', sentence: s.state === 'forbidden' ? `the console may not read ${BOT_SECRET_NAME}'s metadata` : `${BOT_SECRET_NAME} cannot be looked at (the API does not answer)` };
}

function matrixHop(state: LadderState, now: number): PathHop {
  const label = `${RECEIVER.name} -> the Matrix room`;
  const secret = botSecretWords(state.sol?.botSecret, now);
  let logs: { verdict: HopVerdict; sentence: string };
  if (!state.loki || !lokiLive(state.loki, state.sources.loki)) logs = { verdict: 'unknown', sentence: `the receiver's error lines cannot be read (Loki ${state.sources.loki ? sourceStateWords(state.sources.loki.state) : 'not connected'})` };
  else {
    const s = state.loki.services.find((x) => x.namespace === RECEIVER.namespace && x.app === RECEIVER.name);
    const window = humanDuration(state.loki.windowMs);
    logs = s && s.count > 0
      ? { verdict: 'failing', sentence: `the receiver wrote ${plural(s.count, 'error line')} in the last ${window}: its posts to Matrix fail (M_UNKNOWN_TOKEN in them means Matrix rejects the bot's token: rotate ${BOT_SECRET_NAME}; sunbeam-console logs ${RECEIVER.namespace}/${RECEIVER.name} shows them)` }
      : { verdict: 'ok', sentence: `the receiver wrote no error line in the last ${window}` };
  }
  const parts = [logs, secret];
  const failing = parts.filter((p) => p.verdict === 'failing');
  if (failing.length) return hop('matrix', label, 'failing', capitalise(failing.map((p) => p.sentence).join('; ')));
  if (parts.every((p) => p.verdict === 'ok')) return hop('matrix', label, 'ok', capitalise(parts.map((p) => p.sentence).join(', and ')));
  return hop('matrix', label, 'unknown', capitalise(parts.map((p) => p.sentence).join('; ')));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The path's hops, its verdict and the broken hop (see the header for the shape). */
export function matrixPath(state: LadderState, now: number = Date.now()): MatrixPath {
  const live = alertsLive(state, now);
  const hops = [alertmanagerHop(live), webhookHop(live), receiverHop(state), matrixHop(state, now)];
  const failing = hops.filter((h) => h.verdict === 'failing');
  if (failing.length) {
    const broken = failing[failing.length - 1]!;
    return { hops, verdict: 'failing', broken, sentence: failing.map((h, i) => (i > 0 ? h.sentence.replace(/^The /, 'the ') : h.sentence)).join('; ') };
  }
  if (hops.every((h) => h.verdict === 'ok')) return { hops, verdict: 'ok', sentence: 'Alerts reach the Matrix room: every hop answers' };
  const unknown = hops.filter((h) => h.verdict === 'unknown');
  return { hops, verdict: 'unknown', sentence: `Cannot tell whether alerts reach Matrix: ${unknown.map((h) => h.label).join(', ')} cannot be checked` };
}
