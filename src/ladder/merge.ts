// One story per component: a workload that is below desired because its pods crash-loop gets one finding
// (the pod finding, with the replica count folded into its detail); the pods of an unhealthy CloudNativePG
// cluster fold into the cluster's finding, and those of a sealed OpenBao into the seal's; warning events fold
// into the component's finding when it has one.
import type { BoxGraph } from './box-graph.js';
import type { Finding } from './types.js';

const SENTENCE_END = /[.!?]$/;
const SPACES = /\s+/g;
/** Findings whose pods crash (their BackOff events add nothing). */
const CRASHING = new Set(['crash-loop', 'pg-cluster-unhealthy', 'restarts-climbing']);

/** A warning-event finding carries its events (reason and one line each), newest first, for folding. */
export type EventFinding = Finding & { events?: { reason: string; line: string }[] };

/** Findings that say what is wrong with a whole component: its pods' findings fold into them. */
const WHOLE = new Set(['pg-cluster-unhealthy', 'openbao-sealed', 'openbao-uninitialized']);

const POD_RULES = new Set(['crash-loop', 'image-pull', 'container-config-error', 'pod-failed', 'pod-not-ready', 'restarts-climbing']);

export function mergeFindings(findings: Finding[], graph: BoxGraph): Finding[] {
  const byComponent = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.namespace}/${f.component}`;
    const g = byComponent.get(k);
    if (g) g.push(f);
    else byComponent.set(k, [f]);
  }
  const out: Finding[] = [];
  for (const group of byComponent.values()) {
    if (group.length === 1) {
      out.push(strip(group[0]!));
      continue;
    }
    const pg = group.find((f) => WHOLE.has(f.rule));
    const pods = group.filter((f) => POD_RULES.has(f.rule));
    const workload = group.find((f) => f.rule === 'workload-below-desired');
    const events = group.filter((f) => f.rule === 'warning-event');
    const absorbed = new Set<Finding>();
    const notes = new Map<Finding, string[]>();
    const note = (into: Finding, text: string) => (notes.get(into) ?? notes.set(into, []).get(into)!).push(text);
    // The main finding of this component: the cluster, else the worst pod finding, else whatever is first.
    const main = pg ?? pods.find((f) => f.severity === 'failing') ?? pods[0] ?? workload ?? group.find((f) => f.rule !== 'warning-event') ?? group[0]!;
    if (pg) for (const p of pods) (absorbed.add(p), note(pg, `Pods: ${p.detail}`));
    if (workload && workload !== main && (pg || pods.length)) (absorbed.add(workload), note(main, capitalise(workload.title.slice(workload.title.indexOf(': ') + 2))));
    for (const e of events) {
      if (e === main) continue;
      absorbed.add(e);
      // A crash loop's BackOff events say nothing its finding does not; other warnings (probe failures,
      // failed mounts, scheduling) do.
      const news = (e as EventFinding).events?.filter((x) => !(x.reason === 'BackOff' && CRASHING.has(main.rule))) ?? [];
      if (news.length) note(main, `Recent warning: ${news[0]!.line}`);
    }
    for (let f of group) {
      if (absorbed.has(f)) continue;
      const extra = notes.get(f);
      f = strip(f);
      const base = SENTENCE_END.test(f.detail) ? f.detail : `${f.detail}.`;
      out.push(extra ? { ...f, detail: `${base} ${extra.map((x) => (SENTENCE_END.test(x) ? x : `${x}.`)).join(' ')}`.replace(SPACES, ' ').trim() } : f);
    }
  }
  return out.map((f) => explain(f, graph));
}

/** Says what "not ready" means for components where we know (OpenBao running but not ready: sealed). */
function explain(f: Finding, graph: BoxGraph): Finding {
  if (f.rule !== 'pod-not-ready' && f.rule !== 'workload-below-desired') return f;
  const hint = graph.byId.get(`${f.namespace}/${f.component}`)?.notReady;
  if (!hint) return f;
  return { ...f, title: `${f.namespace}/${f.component}: ${hint.title} (${f.title.slice(f.title.indexOf(': ') + 2)})`, detail: `${f.detail} ${hint.next}` };
}

function strip(f: Finding): Finding {
  if (!(f as EventFinding).events) return f;
  const { events: _events, ...plain } = f as EventFinding;
  return plain;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
