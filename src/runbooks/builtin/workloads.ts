// Built-in runbooks for any workload: restart (k9s's `r`, `kubectl rollout restart`), logs, check.
import type { RunbookDef } from '../schema.js';

export const workloadRunbooks: RunbookDef[] = [
  {
    id: 'restart',
    title: 'Restart {{target}}',
    verb: 'restart',
    description: 'Rolling restart: a CloudNativePG Cluster the way its plugin does, other workloads the way kubectl rollout restart does.',
    appliesTo: { kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'Cluster'] },
    steps: [{ action: 'restart', target: '{{target}}' }],
  },
  {
    id: 'logs',
    title: 'Logs of {{target}}',
    verb: 'logs',
    appliesTo: { kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'Cluster', 'Pod'] },
    steps: [{ action: 'logs', target: '{{target}}' }],
  },
  {
    id: 'check-namespace',
    title: 'Check {{namespace}}',
    verb: 'check',
    appliesTo: { kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'Cluster', 'Pod', 'Namespace'] },
    steps: [{ action: 'check', target: '{{namespace}}' }],
  },
];
