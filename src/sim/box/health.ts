// Causality: what a container does, derived from the World and from the health of what it needs.
import type { K8sObject, ObjectStore } from '../k8s/object-store.js';
import type { ContainerKind, Dependency } from './catalog.js';
import { findWorkload } from './catalog.js';
import { podReady } from './util.js';
import type { World } from './world.js';

export type DepsUp = Record<Dependency, boolean>;

export type Verdict =
  | { type: 'ok' }
  /** The container exits shortly after starting. */
  | { type: 'crash'; exitCode: number; cause: CrashCause }
  /** It runs, but its readiness probe fails. */
  | { type: 'notReady'; probe: string; cause: string };

export type CrashCause = 'postgres' | 'vault' | 'seaweedfs' | 'mistral' | 'linkerd-destination' | 'postgres-self' | 'linkerd';

/** From the World alone: the steady state used while seeding. */
export function depsFromWorld(world: World): DepsUp {
  return {
    postgres: !world.postgresDown,
    vault: !world.sealed,
    seaweedfs: !world.hasFault('storage/seaweedfs-volume'),
    linkerd: !world.hasFault('linkerd/linkerd-destination'),
  };
}

/** From the live pods: a dependency is up when its pods are Ready. */
export function depsFromStore(store: ObjectStore, world: World): DepsUp {
  const ready = (ns: string, pred: (p: K8sObject) => boolean) => store.list('pods', ns).some((p) => pred(p) && podReady(p) && !p.metadata.deletionTimestamp);
  return {
    postgres: !world.postgresDown && ready('data', (p) => p.metadata.labels?.['cnpg.io/cluster'] === 'postgres'),
    vault: !world.sealed && ready('openbao', (p) => p.metadata.labels?.app === 'openbao'),
    seaweedfs: ready('storage', (p) => p.metadata.labels?.app === 'seaweedfs-volume'),
    linkerd: ready('linkerd', (p) => p.metadata.labels?.app === 'linkerd-destination'),
  };
}

export function verdictFor(pod: K8sObject, kind: ContainerKind, world: World, deps: DepsUp): Verdict {
  const ns = pod.metadata.namespace ?? '';
  const app = pod.metadata.labels?.app ?? '';
  const isPostgres = kind === 'postgres' && pod.metadata.labels?.['cnpg.io/cluster'] === 'postgres' && ns === 'data';
  if (isPostgres && world.postgresDown) return { type: 'crash', exitCode: 1, cause: 'postgres-self' };
  // each replica has its own seal: a sealed one fails its readiness probe (and drops out of the Service)
  if (kind === 'openbao' && (world.bao.view(pod.metadata.name)?.sealed ?? true)) {
    return { type: 'notReady', probe: 'Readiness probe failed: HTTP probe failed with statuscode: 503', cause: 'sealed' };
  }
  if (kind === 'seaweed-volume' && world.hasFault('storage/seaweedfs-volume')) return { type: 'crash', exitCode: 1, cause: 'seaweedfs' };
  if (kind === 'linkerd-destination' && world.hasFault('linkerd/linkerd-destination')) return { type: 'crash', exitCode: 2, cause: 'linkerd-destination' };
  if (kind === 'sol' && world.hasFault('matrix/sol')) return { type: 'crash', exitCode: 1, cause: 'mistral' };
  const needs = findWorkload(ns, app)?.needs ?? [];
  if (needs.includes('vault') && !deps.vault) return { type: 'crash', exitCode: 1, cause: 'vault' };
  if (needs.includes('postgres') && !deps.postgres) return { type: 'crash', exitCode: 1, cause: 'postgres' };
  if (kind === 'pingora' && !deps.linkerd) {
    return { type: 'notReady', probe: 'Readiness probe failed: HTTP probe failed with statuscode: 502', cause: 'linkerd' };
  }
  return { type: 'ok' };
}
