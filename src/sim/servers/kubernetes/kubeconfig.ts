// The kubeconfig the simulated Kubernetes API hands out: one cluster, one token user, one context, all named sunbeam-sim.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const SIM_CONTEXT = 'sunbeam-sim';

export interface SimKubeconfig {
  server: string;
  caPem: string;
  token: string;
}

export function kubeconfigYaml({ server, caPem, token }: SimKubeconfig): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: SIM_CONTEXT, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: SIM_CONTEXT, user: { token } }],
    contexts: [{ name: SIM_CONTEXT, context: { cluster: SIM_CONTEXT, user: SIM_CONTEXT } }],
    'current-context': SIM_CONTEXT,
    preferences: {},
  });
}

/** Writes the kubeconfig readable by its owner only (it holds the bearer token). */
export function writeKubeconfig(path: string, cfg: SimKubeconfig): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(cfg), { mode: 0o600 });
  chmodSync(path, 0o600);
}
