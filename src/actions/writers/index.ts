// The bag of writers, one per backend: the only things that change the world. The executor asks the factory
// for a bag per execution (with its dry-run flag) and hands it to each step through StepContext.writers, so a
// step reaches a write only while the executor runs it (journaled first). A new backend (AlertManager,
// PostgreSQL; OpenBao is bao.ts) is one new file here (its writer over its client) plus one entry in Writers and WriterClients.
import type { KubeClients } from '../../kube/client.js';
import type { BaoClients } from '../../sources/openbao/client.js';
import { createAlertmanagerWriter, type AlertmanagerWriter } from './alertmanager.js';
import type { AlertmanagerClient } from '../../sources/alertmanager/client.js';
import { createBaoWriter, type BaoWriter } from './bao.js';
import { createPostgresWriter, type PostgresWriter } from './postgres.js';
import type { PostgresClient } from '../../sources/postgres/client.js';
import { createKubeWriter, type KubeWriter } from './kube.js';

export interface Writers {
  kube: KubeWriter;
  /** OpenBao (unseal, KV put): present when the session has BAO_ADDR. */
  bao?: BaoWriter;
  /** AlertManager (silences): present when the session has an AlertManager client. */
  alertmanager?: AlertmanagerWriter;
  /** PostgreSQL (terminate idle-in-transaction sessions): present when the session has a DSN. */
  postgres?: PostgresWriter;
}

/** The clients the writers write through, per backend. */
export interface WriterClients {
  kube: KubeClients;
  bao?: BaoClients;
  postgres?: PostgresClient;
  alertmanager?: AlertmanagerClient;
}

/** What the executor gets: a bag of writers for one execution, honouring its dry-run flag. */
export type WritersFor = (opts: { dryRun: boolean }) => Writers;

export function createWriters(clients: WriterClients): WritersFor {
  return ({ dryRun }) => ({
    kube: createKubeWriter(clients.kube, { dryRun }),
    ...(clients.bao ? { bao: createBaoWriter(clients.bao, { dryRun }) } : {}),
    ...(clients.postgres ? { postgres: createPostgresWriter(clients.postgres, { dryRun }) } : {}),
    ...(clients.alertmanager ? { alertmanager: createAlertmanagerWriter(clients.alertmanager, { dryRun }) } : {}),
  });
}
