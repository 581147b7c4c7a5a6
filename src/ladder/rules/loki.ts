// Error bursts, from rung 7's summary per service (the Loki slice, written by the Loki source): a service that
// wrote many error lines in the window, or many in its last minute, is a finding on its workload, so that
// Enter, r and R act on it as on any other ("matrix/sol wrote 117 error lines in the last 15m, 6 in the last
// minute"). A warning; failing when it floods. Only while Loki answers: old counts of a Loki that went away
// say nothing about now (rung 7 says unknown then).
import type { ErrorService, LokiSlice } from '../../store/loki-slice.js';
import type { SourceHealth } from '../../store/records.js';
import { humanDuration } from '../age.js';
import { sourceDown } from '../source-state.js';
import type { Finding, FindingTarget } from '../types.js';
import { podComponent, type Kube } from './util.js';

type Loki = LokiSlice['loki'];

/** Error lines that make a burst: in the window, or in its last bucket (a minute); failing from the `fail` counts. */
export const BURST = { warnWindow: 10, warnLast: 5, failWindow: 600, failLast: 60 } as const;

export interface ErrorBurst {
  service: ErrorService;
  /** Lines in the last bucket (the last minute). */
  last: number;
  severity: Finding['severity'];
}

/** Whether the summary is Loki's answer of now: the source answers and has summarised at least once. */
export function lokiLive(loki: Loki | undefined, health: SourceHealth | undefined): boolean {
  return !!loki?.checkedAt && !!health && health.state !== 'not-connected' && health.state !== 'connecting' && health.state !== 'forbidden' && !sourceDown(health.state);
}

/** The services whose error lines make a burst, most lines first. */
export function errorBursts(loki: Loki): ErrorBurst[] {
  const out: ErrorBurst[] = [];
  for (const service of loki.services) {
    const last = service.buckets[service.buckets.length - 1] ?? 0;
    if (service.count < BURST.warnWindow && last < BURST.warnLast) continue;
    out.push({ service, last, severity: service.count >= BURST.failWindow || last >= BURST.failLast ? 'failing' : 'warn' });
  }
  return out;
}

/** "15m" for the window; "minute" for a one-minute bucket. */
export function spanWords(ms: number): string {
  return ms === 60_000 ? 'minute' : humanDuration(ms);
}

/** The workload of the service's pods (its app label, else its name), for Enter/r/R; undefined when the Kubernetes data has none. */
function serviceTarget(kube: Kube, namespace: string, app: string): { component: string; target?: FindingTarget } {
  const pods = Object.values(kube.pods).filter((p) => p.namespace === namespace && (p.labels.app === app || p.labels['app.kubernetes.io/name'] === app || p.ownerName === app));
  const owned = pods.find((p) => p.ownerKind && p.ownerName && p.ownerKind !== 'Node');
  if (owned) return { component: podComponent(owned), target: { kind: owned.ownerKind!, namespace, name: owned.ownerName! } };
  const w = Object.values(kube.workloads).find((x) => x.namespace === namespace && x.name === app);
  if (w) return { component: w.name, target: { kind: w.kind, namespace, name: w.name } };
  if (pods[0]) return { component: podComponent(pods[0]), target: { kind: 'Pod', namespace, name: pods[0].name } };
  return { component: app };
}

export function lokiRules(loki: Loki | undefined, health: SourceHealth | undefined, kube: Kube): Finding[] {
  if (!loki || !lokiLive(loki, health)) return [];
  const window = humanDuration(loki.windowMs);
  const bucket = spanWords(loki.bucketMs);
  return errorBursts(loki).map(({ service: s, last, severity }) => {
    const name = `${s.namespace}/${s.app}`;
    const { component, target } = serviceTarget(kube, s.namespace, s.app);
    return {
      id: `error-burst:${name}`,
      severity,
      namespace: s.namespace,
      component,
      rule: 'error-burst',
      title: `${name} wrote ${s.count} error line${s.count === 1 ? '' : 's'} in the last ${window}, ${last} in the last ${bucket}`,
      detail: `From Loki's ${loki.query} across the Box: rung 7 (Errors) lists them (Enter follows ${name} from just before a line); sunbeam-console mon loki logs '{namespace="${s.namespace}", app="${s.app}", level="error"}' --since ${window} prints them.`,
      ...(target ? { target } : {}),
    };
  });
}
