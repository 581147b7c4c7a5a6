// The bag of writers, one per backend: the only things that change the world. The executor asks the factory
// for a bag per execution (with its dry-run flag) and hands it to each step through StepContext.writers, so a
// step reaches a write only while the executor runs it (journaled first). A new backend (OpenBao, AlertManager,
// PostgreSQL) is one new file here (its writer over its client) plus one entry in Writers and WriterClients.
import type { KubeClients } from '../../kube/client.js';
import { createKubeWriter, type KubeWriter } from './kube.js';

export interface Writers {
  kube: KubeWriter;
  // Later: bao (unseal, KV put), alertmanager (silences), postgres.
}

/** The clients the writers write through, per backend. */
export interface WriterClients {
  kube: KubeClients;
}

/** What the executor gets: a bag of writers for one execution, honouring its dry-run flag. */
export type WritersFor = (opts: { dryRun: boolean }) => Writers;

export function createWriters(clients: WriterClients): WritersFor {
  return ({ dryRun }) => ({ kube: createKubeWriter(clients.kube, { dryRun }) });
}
