// Opens each backend's client for a session: the kubeconfig and context for Kubernetes, or the in-process
// simulated Box under --demo (whose handle says where each of its servers listens, as a real Box's environment
// does). Loaded lazily: it brings @kubernetes/client-node (and the simulator) with it.
//
// OpenBao: BAO_ADDR (or VAULT_ADDR) with BAO_TOKEN / VAULT_TOKEN / ~/.vault-token, BAO_CACERT / VAULT_CACERT and
// BAO_SKIP_VERIFY (bao-env.ts; node-vault reads only VAULT_*, so they are mapped here by hand) -> clients.bao,
// whose replicas are reached through the Kubernetes API's pod proxy with the kube client's credentials.
// Loki: LOKI_ADDR with LOKI_ORG_ID, LOKI_BEARER_TOKEN(_FILE) or LOKI_USERNAME/LOKI_PASSWORD, LOKI_CA_CERT_PATH and
// LOKI_TLS_SKIP_VERIFY, as logcli reads them (loki-env.ts) -> clients.loki. PostgreSQL: SUNBEAM_PG_DSN, the
// PG* variables, or the config file's postgres.dsn (postgres-env.ts) -> clients.postgres. AlertManager:
// --alertmanager.url, ALERTMANAGER_URL, the config file, or amtool's default (alertmanager-env.ts) ->
// clients.alertmanager. Mistral (Sol's brain): MISTRAL_API_KEY (mistral-env.ts) -> clients.mistral. Under --demo
// every one of them is the simulator's alone (its handle.env).
import { kubeClients, loadKubeConfig } from '../kube/client.js';
import { baoClients } from '../sources/openbao/client.js';
import type { SourceClients } from '../sources/source.js';
import { lokiClient } from '../sources/loki/client.js';
import { alertmanagerClient } from '../sources/alertmanager/client.js';
import { alertmanagerSettings } from './alertmanager-env.js';
import { baoSettings } from './bao-env.js';
import { lokiSettings } from './loki-env.js';
import { postgresSettings } from './postgres-env.js';
import { postgresClient } from '../sources/postgres/client.js';
import { mistralSettings } from './mistral-env.js';
import { mistralClient } from '../sources/mistral/client.js';
import type { Env } from './settings.js';
import type { BackendSettings } from '../config/index.js';

interface Opened {
  clients: SourceClients;
  /** The Kubernetes context's name ('demo (SCENARIO)' under --demo) and its API server's URL. */
  context: string;
  server: string;
  /** The current context's `namespace:`, if it sets one: the default namespace when neither -n nor the config file gives one. */
  contextNamespace?: string;
  /** Stops the simulated Box, if this session started one. */
  stopSim?: () => Promise<void>;
  /** Under --demo: what the simulated Box lacks on this machine (no PostgreSQL server installed), one sentence each. */
  demoNotes?: readonly string[];
  /** Under --demo: the file (mode 0600) holding the simulated OpenBao's five unseal key shares, for the drill. */
  demoUnsealKeys?: string;
}

/** Thrown with one sentence; `fail` wraps whatever went wrong. */
export async function openClients(
  where: { kubeconfig?: string; context?: string; demo?: string; unsealKeysPath?: string; backends?: BackendSettings; settle?: boolean; alertmanagerFlag?: string },
  env: Env,
  fail: (message: string) => Error,
): Promise<Opened> {
  if (where.demo !== undefined) {
    const { startSim } = await import('../sim/index.js');
    let sim;
    try {
      sim = await startSim({ scenario: where.demo, ...(where.unsealKeysPath ? { unsealKeysPath: where.unsealKeysPath } : {}) });
    } catch (err) {
      throw fail((err as Error).message.split('\n')[0]!);
    }
    try {
      if (where.settle) await sim.settled();
      const kube = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }, { ...env, ...sim.env }));
      // OpenBao and Loki are the simulator's alone: a real BAO_ADDR, token, ~/.vault-token or LOKI_* never reaches a drill.
      return { clients: withAlertmanagerDemo(withMistral(withPostgres(withLoki(withBao({ kube }, sim.env, false), sim.env), sim.env, undefined, false), sim.env), sim.env), context: `demo (${where.demo})`, server: kube.server, stopSim: () => sim.stop(), demoNotes: [...sim.problems], ...(where.unsealKeysPath ? { demoUnsealKeys: where.unsealKeysPath } : {}) };
    } catch (err) {
      await sim.stop();
      throw fail((err as Error).message);
    }
  }
  try {
    const kube = kubeClients(loadKubeConfig({ kubeconfig: where.kubeconfig, context: where.context }, env as NodeJS.ProcessEnv));
    return { clients: withAlertmanager(withMistral(withPostgres(withLoki(withBao({ kube }, env), env), env, where.backends), env, where.backends), env, where), context: kube.context, server: kube.server, contextNamespace: kube.namespace };
  } catch (err) {
    throw fail((err as Error).message);
  }
}

/** The kube client, with OpenBao's when BAO_ADDR (or VAULT_ADDR) is set. */
function withBao(clients: { kube: SourceClients['kube'] }, env: Env, tokenFile = true): SourceClients {
  const bao = baoSettings(env, { tokenFile });
  return bao ? { ...clients, bao: baoClients(bao, { kc: clients.kube.kc, server: clients.kube.server }) } : clients;
}

/** The clients, with Loki's when LOKI_ADDR is set. */
function withLoki(clients: SourceClients, env: Env): SourceClients {
  const loki = lokiSettings(env);
  return loki ? { ...clients, loki: lokiClient(loki) } : clients;
}

/**
 * The clients, with PostgreSQL's when SUNBEAM_PG_DSN, the PG* variables or the config file's postgres.dsn
 * name a server. A drill (`homeFiles: false`) reads only the simulator's env: no real ~/.pgpass.
 */
function withPostgres(clients: SourceClients, env: Env, backends?: BackendSettings, homeFiles = true): SourceClients {
  const pg = postgresSettings(env, backends, { homeFiles });
  return pg ? { ...clients, postgres: postgresClient(pg) } : clients;
}

/** The clients, with Mistral's (Sol's brain check) when MISTRAL_API_KEY is set; under --demo the simulator's key and URL alone. */
function withMistral(clients: SourceClients, env: Env, backends?: BackendSettings): SourceClients {
  const mistral = mistralSettings(env, backends);
  return mistral ? { ...clients, mistral: mistralClient(mistral) } : clients;
}

/**
 * The clients, with AlertManager's: --alertmanager.url, ALERTMANAGER_URL, the config file's alertmanager.url, or
 * amtool's default http://localhost:9093 (so there is always one outside --demo). `backends.alertmanagerUrl`
 * is the flag or else the file's; the flag itself comes apart, since the environment sits between the two.
 */
function withAlertmanager(clients: SourceClients, env: Env, where: { backends?: BackendSettings; alertmanagerFlag?: string }): SourceClients {
  const file = where.alertmanagerFlag ? undefined : where.backends?.alertmanagerUrl;
  return { ...clients, alertmanager: alertmanagerClient(alertmanagerSettings(env, { flag: where.alertmanagerFlag, file })) };
}

/** Under --demo: the simulator's AlertManager alone (ALERTMANAGER_URL in its env), never a real one or the default. */
function withAlertmanagerDemo(clients: SourceClients, simEnv: Env): SourceClients {
  if (!simEnv.ALERTMANAGER_URL) return clients;
  return { ...clients, alertmanager: alertmanagerClient(alertmanagerSettings({ ALERTMANAGER_URL: simEnv.ALERTMANAGER_URL })) };
}
