// The Source contract: what every backend's reader (Kubernetes now; OpenBao, Loki, AlertManager, PostgreSQL
// next) looks like to the session that starts it and the store it fills. A source reads over the network, maps
// what it reads into domain records with pure mappers, and writes them to the store in batches (core/).
import type { KubeClients } from '../kube/client.js';
import type { BaoClients } from './openbao/client.js';
import type { LokiClient } from './loki/client.js';
import type { AlertmanagerClient } from './alertmanager/client.js';
import type { MistralClient } from './mistral/client.js';
import type { PostgresClient } from './postgres/client.js';
import type { SourceHealth } from '../store/records.js';

export interface Source {
  /** Its registry id, also the key of its health in the store: 'kubernetes' (later 'openbao', 'loki'...). */
  readonly id: string;
  /** Begins reading; a second call does nothing. */
  start(): void;
  /** Ends every request and timer now; nothing reaches the store afterwards. A second call does nothing. */
  stop(): void;
  /** Resolves once the store holds the first full read (or what is known to be missing or forbidden). */
  synced(): Promise<void>;
  /** The health last written to the store. */
  health(): SourceHealth;
}

/**
 * The clients a session opened, one per backend. A registered source starts when its backend's client is here.
 */
export interface SourceClients {
  kube: KubeClients;
  /** OpenBao (node-vault over BAO_ADDR and the pod proxy): present only when BAO_ADDR or VAULT_ADDR is set. */
  bao?: BaoClients;
  /** Loki (query_range, tail) over LOKI_ADDR: present only when LOKI_ADDR is set. */
  loki?: LokiClient;
  /** AlertManager API v2 (ALERTMANAGER_URL / --alertmanager.url; Grafana's built-in with GRAFANA_TOKEN). */
  alertmanager?: AlertmanagerClient;
  /** PostgreSQL (SUNBEAM_PG_DSN, the PG* variables, or the config file's postgres.dsn). */
  postgres?: PostgresClient;
  /** The Mistral API, for Sol's brain check (MISTRAL_API_KEY, MISTRAL_BASE_URL). */
  mistral?: MistralClient;
}
