// Pod rules: crash loops, image pull failures, containers that cannot start (missing secret or config), pods
// not ready, failed pods, and restarts climbing. One finding per workload and rule, naming its pods.
import type { PodRecord } from '../../store/index.js';
import type { Finding } from '../types.js';
import { ageMs, humanDuration } from '../age.js';
import { listSome, plural, podComponent, type Kube } from './util.js';

/** A new pod gets this long to become ready before it counts as not ready. */
export const POD_GRACE_MS = 90_000;
/** Restarts climbing: a container terminated within this window. */
export const RESTART_WINDOW_MS = 15 * 60_000;
/** ... or at least RESTART_MANY restarts with the last one within RESTART_RECENT_MS. */
export const RESTART_MANY = 5;
export const RESTART_RECENT_MS = 60 * 60_000;

const CRASH = new Set(['CrashLoopBackOff']);
const IMAGE = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
const CONFIG = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

type PodRule = 'crash-loop' | 'image-pull' | 'container-config-error' | 'pod-failed' | 'pod-not-ready' | 'restarts-climbing';

interface Hit {
  pod: PodRecord;
  rule: PodRule;
  line: string;
}

function stripInit(s: string): string {
  return s.startsWith('Init:') ? s.slice(5) : s;
}

function lastTermination(p: PodRecord): string | undefined {
  let last: string | undefined;
  for (const c of p.containers) if (c.lastTerminatedAt && (!last || c.lastTerminatedAt > last)) last = c.lastTerminatedAt;
  return last ?? p.lastRestartAt;
}

function restartsText(p: PodRecord, now: number): string {
  if (p.restarts === 0) return 'no restarts';
  const last = lastTermination(p);
  const exit = p.containers.find((c) => c.lastExitCode !== undefined)?.lastExitCode;
  return `${plural(p.restarts, 'restart')}${last ? `, last ${humanDuration(ageMs(last, now))} ago` : ''}${exit !== undefined ? ` (exit ${exit})` : ''}`;
}

function classify(p: PodRecord, now: number): Hit | undefined {
  if (p.phase === 'Succeeded' || p.status === 'Completed' || p.deleting) return undefined;
  const status = stripInit(p.status);
  const bad = p.containers.find((c) => c.reason && (CRASH.has(c.reason) || IMAGE.has(c.reason) || CONFIG.has(c.reason)));
  const reason = CRASH.has(status) || IMAGE.has(status) || CONFIG.has(status) ? status : bad?.reason;
  if (reason && CRASH.has(reason)) return { pod: p, rule: 'crash-loop', line: `${p.name}: ${p.status}, ${restartsText(p, now)}` };
  if (reason && IMAGE.has(reason)) {
    const c = bad ?? p.containers[0];
    return { pod: p, rule: 'image-pull', line: `${p.name}: ${reason} for ${c?.image ?? 'its image'}${c?.message ? ` (${c.message})` : ''}` };
  }
  if (reason && CONFIG.has(reason)) {
    const c = bad ?? p.containers[0];
    return { pod: p, rule: 'container-config-error', line: `${p.name}: ${reason}${c?.message ? `: ${c.message}` : ''}` };
  }
  if (p.phase === 'Failed') return { pod: p, rule: 'pod-failed', line: `${p.name}: ${p.status}` };
  const young = ageMs(p.created, now) < POD_GRACE_MS;
  if (!young && (p.phase !== 'Running' || p.readyContainers < p.totalContainers)) {
    return { pod: p, rule: 'pod-not-ready', line: `${p.name}: ${p.status}, ${p.readyContainers}/${p.totalContainers} ready, ${restartsText(p, now)}` };
  }
  const last = lastTermination(p);
  const since = ageMs(last, now);
  if (p.restarts > 0 && (since <= RESTART_WINDOW_MS || (p.restarts >= RESTART_MANY && since <= RESTART_RECENT_MS))) {
    return { pod: p, rule: 'restarts-climbing', line: `${p.name}: ${restartsText(p, now)}` };
  }
  return undefined;
}

const TITLES: Record<PodRule, (n: number, hits: Hit[]) => string> = {
  'crash-loop': (n) => `${plural(n, 'pod')} crash-looping`,
  'image-pull': (n) => `${plural(n, 'pod')} cannot pull ${n === 1 ? 'its image' : 'their images'}`,
  'container-config-error': (n, hits) => `${plural(n, 'pod')} cannot start (${stripInit(hits[0]!.pod.status)})`,
  'pod-failed': (n) => `${plural(n, 'pod')} failed`,
  'pod-not-ready': (n) => `${plural(n, 'pod')} not ready`,
  'restarts-climbing': (n, hits) => `restarts climbing (${plural(hits.reduce((a, h) => a + h.pod.restarts, 0), 'restart')} across ${plural(n, 'pod')})`,
};

export function podRules(kube: Kube, now: number): Finding[] {
  const groups = new Map<string, Hit[]>();
  const podsPerComponent = new Map<string, number>();
  for (const p of Object.values(kube.pods)) {
    if (p.phase === 'Succeeded' || p.status === 'Completed') continue;
    const comp = `${p.namespace}/${podComponent(p)}`;
    podsPerComponent.set(comp, (podsPerComponent.get(comp) ?? 0) + 1);
    const hit = classify(p, now);
    if (!hit) continue;
    const g = `${hit.rule}|${comp}`;
    const list = groups.get(g);
    if (list) list.push(hit);
    else groups.set(g, [hit]);
  }
  const out: Finding[] = [];
  for (const [g, hits] of groups) {
    const [rule, comp] = g.split('|') as [PodRule, string];
    const first = hits[0]!.pod;
    const component = podComponent(first);
    hits.sort((a, b) => a.pod.name.localeCompare(b.pod.name));
    const all = hits.length >= (podsPerComponent.get(comp) ?? 0);
    const severity = rule === 'pod-failed' || rule === 'restarts-climbing' || (rule === 'pod-not-ready' && !all) ? 'warn' : 'failing';
    out.push({
      id: `${rule}:${comp}`,
      severity,
      namespace: first.namespace,
      component,
      rule,
      title: `${comp}: ${TITLES[rule](hits.length, hits)}`,
      detail: listSome(hits.map((h) => h.line)),
      target: first.ownerKind && first.ownerName ? { kind: first.ownerKind, namespace: first.namespace, name: first.ownerName } : { kind: 'Pod', namespace: first.namespace, name: first.name },
    });
  }
  return out;
}
