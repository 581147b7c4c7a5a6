// The ladder's rules, in the order their findings are gathered (before merging and ordering), each with the
// store slices it reads: the ladder re-evaluates when any slice a rule reads changes (and on the 10-s tick).
// A new rule is one file beside these and one entry here (OpenBao's seal reads 'openbao').
import { boxGraph, DEFAULT_BOX_NAMES } from '../box-graph.js';
import type { Finding, LadderSlice, LadderState } from '../types.js';
import { alertPathRules } from './alert-path.js';
import { certificateRules } from './certificates.js';
import { eventRules } from './events.js';
import { lokiRules } from './loki.js';
import { nodeRules } from './nodes.js';
import { openbaoRules } from './openbao.js';
import { podRules } from './pods.js';
import { pgConnectionRules } from './pg-connections.js';
import { postgresRules } from './postgres.js';
import { pvcRules } from './pvcs.js';
import { solRules } from './sol.js';
import { workloadRules } from './workloads.js';

interface LadderRule {
  id: string;
  /** The store slices the rule reads; nothing else of the state reaches it (but the Box's names, state.box). */
  reads: readonly LadderSlice[];
  /** One pass over the records it reads; pure. */
  run(state: LadderState, now: number): Finding[];
}

export const RULES: readonly LadderRule[] = [
  { id: 'nodes', reads: ['kube'], run: (s) => nodeRules(s.kube) },
  { id: 'openbao', reads: ['openbao', 'sources', 'kube'], run: (s) => openbaoRules(s.openbao, s.sources.openbao, s.kube, boxGraph(s.box)) },
  { id: 'postgres', reads: ['kube'], run: (s, now) => postgresRules(s.kube, now, s.box ?? DEFAULT_BOX_NAMES) },
  { id: 'pg-connections', reads: ['postgres', 'sources', 'kube'], run: (s) => pgConnectionRules(s.postgres, s.sources.postgres, s.kube, s.box ?? DEFAULT_BOX_NAMES) },
  { id: 'pods', reads: ['kube'], run: (s, now) => podRules(s.kube, now) },
  { id: 'workloads', reads: ['kube'], run: (s, now) => workloadRules(s.kube, now) },
  { id: 'pvcs', reads: ['kube'], run: (s, now) => pvcRules(s.kube, now) },
  { id: 'certificates', reads: ['kube'], run: (s, now) => certificateRules(s.kube, now) },
  { id: 'events', reads: ['kube'], run: (s, now) => eventRules(s.kube, now) },
  { id: 'loki', reads: ['loki', 'sources', 'kube'], run: (s) => lokiRules(s.loki, s.sources.loki, s.kube) },
  { id: 'sol', reads: ['sol', 'sources', 'kube'], run: (s) => solRules(s) },
  { id: 'alert-path', reads: ['alerts', 'sources', 'kube', 'loki', 'sol'], run: (s, now) => alertPathRules(s, now) },
];
