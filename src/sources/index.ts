// The registry of sources: one entry per backend, with what it reads from and what configures it, and a factory
// loaded on demand (a run does not pay for a backend's client library before its first frame). The session
// starts every entry whose client it opened. A new source is its own folder plus one entry here (OpenBao: ./openbao/).
import type { AppStore } from '../store/index.js';
import type { Source, SourceClients } from './source.js';

/** What a source is given when it is created. */
export interface SourceContext {
  store: AppStore;
  clients: SourceClients;
  /** The store-write batching interval (ms); each source has its own default. */
  flushMs?: number;
}

export interface SourceEntry {
  /** Also the key of its health in the store. */
  id: string;
  /** The session's client it reads through; the source runs only when the session opened that client. */
  client: keyof SourceClients;
  /** The environment variables and config-file keys that point the session at this backend. */
  env: string[];
  config: string[];
  /** The factory, loaded on first use. The source it returns is not started yet. */
  load(): Promise<(ctx: SourceContext) => Source>;
}

export const SOURCES: readonly SourceEntry[] = [
  {
    id: 'kubernetes',
    client: 'kube',
    env: ['KUBECONFIG'],
    config: ['kubeconfig', 'context'],
    load: async () => {
      const { createKubernetesSource } = await import('./kubernetes/index.js');
      return ({ store, clients, flushMs }) => createKubernetesSource(store, clients.kube, flushMs === undefined ? {} : { flushMs });
    },
  },
  {
    id: 'openbao',
    client: 'bao',
    env: ['BAO_ADDR', 'VAULT_ADDR', 'BAO_TOKEN', 'VAULT_TOKEN', 'BAO_CACERT', 'VAULT_CACERT', 'BAO_SKIP_VERIFY'],
    config: [],
    load: async () => {
      const { createOpenbaoSource } = await import('./openbao/index.js');
      return ({ store, clients }) => createOpenbaoSource(store, clients.bao!);
    },
  },
  {
    id: 'loki',
    client: 'loki',
    env: ['LOKI_ADDR', 'LOKI_ORG_ID', 'LOKI_BEARER_TOKEN', 'LOKI_BEARER_TOKEN_FILE', 'LOKI_USERNAME', 'LOKI_PASSWORD', 'LOKI_CA_CERT_PATH', 'LOKI_TLS_SKIP_VERIFY'],
    config: [],
    load: async () => {
      const { createLokiSource } = await import('./loki/index.js');
      return ({ store, clients, flushMs }) => createLokiSource(store, clients.loki!, flushMs === undefined ? {} : { flushMs });
    },
  },
  {
    id: 'postgres',
    client: 'postgres',
    env: ['SUNBEAM_PG_DSN', 'PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGPASSWORD', 'PGPASSFILE', 'PGSERVICE', 'PGSERVICEFILE', 'PGSSLMODE', 'PGSSLROOTCERT', 'PGAPPNAME'],
    config: ['postgres.dsn'],
    load: async () => {
      const { createPostgresSource } = await import('./postgres/index.js');
      return ({ store, clients }) => createPostgresSource(store, clients.postgres!);
    },
  },
  {
    id: 'alertmanager',
    client: 'alertmanager',
    env: ['ALERTMANAGER_URL', 'GRAFANA_TOKEN', 'ALERTMANAGER_CA_CERT_PATH'],
    config: ['alertmanager.url'],
    load: async () => {
      const { createAlertmanagerSource } = await import('./alertmanager/index.js');
      return ({ store, clients }) => createAlertmanagerSource(store, clients.alertmanager!);
    },
  },
  {
    // Sol's brain (with the Mistral client) and the alert bot's Secret (through the kube client): it runs whenever the kube client does.
    id: 'mistral',
    client: 'kube',
    env: ['MISTRAL_API_KEY', 'MISTRAL_BASE_URL', 'MISTRAL_MODEL'],
    config: ['mistral.baseUrl', 'mistral.model'],
    load: async () => {
      const { createSolSource } = await import('./mistral/index.js');
      return ({ store, clients }) => createSolSource(store, clients.mistral ? { kube: clients.kube, mistral: clients.mistral } : { kube: clients.kube });
    },
  },
];

/** Creates and starts every registered source whose client is there; `stillWanted` is checked after loading. */
export async function startSources(ctx: SourceContext, stillWanted: () => boolean = () => true, entries: readonly SourceEntry[] = SOURCES): Promise<Source[]> {
  const present = entries.filter((e) => ctx.clients[e.client] !== undefined);
  const factories = await Promise.all(present.map((e) => e.load()));
  if (!stillWanted()) return [];
  const sources = factories.map((create) => create(ctx));
  for (const s of sources) s.start();
  return sources;
}
