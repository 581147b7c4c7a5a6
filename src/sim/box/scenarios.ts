// The playbook's incidents as drills: each scenario is a cause in the World; the controllers do the rest.
import type { World } from './world.js';

export const SCENARIO_NAMES = [
  'healthy',
  'postgres-down',
  'vault-sealed',
  'vault-replica-sealed',
  'vault-token-expired',
  'cert-expired',
  'seaweedfs-volume-down',
  'sol-crashloop',
  'alerts-not-reaching-matrix',
  'all-502',
  'postgres-connections-exhausted',
] as const;

/** drive's connection pool leaks sessions idle in transaction (the simulated database's drive pods act on it); a restart of drive/drive clears it. */
export const POSTGRES_LEAK_FAULT = 'drive/drive';

/** How many OpenBao replicas a scenario needs at least (a replica sealed alone needs a quorum beside it). */
export function minOpenbaoReplicas(scenario: string): number {
  return scenario === 'vault-replica-sealed' ? 3 : 1;
}

export function applyScenario(world: World, scenario: string): void {
  switch (scenario) {
    case 'postgres-down':
      world.setPostgresDown(true);
      break;
    case 'vault-sealed':
      world.seal();
      break;
    case 'vault-replica-sealed':
      // the last replica restarted alone and came back sealed; the leader and the other standby serve
      world.bao.seal(`openbao-${world.bao.size - 1}`);
      break;
    case 'vault-token-expired':
      world.tokens.expire();
      break;
    case 'cert-expired':
      world.addFault('cert-expired');
      break;
    case 'seaweedfs-volume-down':
      world.addFault('storage/seaweedfs-volume');
      break;
    case 'sol-crashloop':
      world.addFault('matrix/sol');
      break;
    case 'alerts-not-reaching-matrix':
      world.addFault('matrix-bot-token');
      break;
    case 'all-502':
      world.addFault('linkerd/linkerd-destination');
      break;
    case 'postgres-connections-exhausted':
      world.addFault(POSTGRES_LEAK_FAULT);
      break;
  }
}
