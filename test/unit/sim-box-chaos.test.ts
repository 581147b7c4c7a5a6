import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/sim/box/clock.js';
import { advanceUntil, boot, podsOf, ready } from './sim-box-helpers.js';

const RESTART = 'kubectl.kubernetes.io/restartedAt';

describe('the Box under a burst of operations', () => {
  it('converges back to all Ready after random deletes and restarts, without controller failures', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const clock = new ManualClock();
      const { store, box } = boot('healthy', true, clock);
      const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
      for (let i = 0; i < 30; i++) {
        const r = Math.random();
        if (r < 0.35) {
          const p = pick(store.list('pods').filter((x) => x.status?.phase === 'Running' && !x.metadata.name.startsWith('openbao')));
          try {
            store.delete('pods', p.metadata.namespace, p.metadata.name, { graceful: Math.random() < 0.8 });
          } catch {
            // already gone
          }
        } else if (r < 0.6) {
          const d = pick(store.list('deployments.apps'));
          store.mutate('deployments.apps', d.metadata.namespace, d.metadata.name, (o) => {
            o.spec.template.metadata.annotations = { ...o.spec.template.metadata.annotations, [RESTART]: `${Date.now()}-${i}` };
          });
        } else if (r < 0.75) {
          const s = pick(store.list('statefulsets.apps').filter((x) => x.metadata.name !== 'openbao'));
          store.mutate('statefulsets.apps', s.metadata.namespace, s.metadata.name, (o) => {
            o.spec.template.metadata.annotations = { ...o.spec.template.metadata.annotations, [RESTART]: `${Date.now()}-${i}` };
          });
        } else if (r < 0.85) {
          if (store.get('certificates.cert-manager.io', 'ingress', 'pingora-tls')) store.delete('certificates.cert-manager.io', 'ingress', 'pingora-tls');
        } else if (r < 0.92) {
          store.mutate('deployments.apps', 'messages', 'messages', (o) => void (o.spec.replicas = 1 + Math.floor(Math.random() * 3)));
        } else {
          store.mutate('clusters.postgresql.cnpg.io', 'data', 'postgres', (c) => {
            c.metadata.annotations = { ...c.metadata.annotations, [RESTART]: `${Date.now()}-${i}` };
          });
        }
        await clock.advanceAsync(Math.random() * 40);
      }
      await advanceUntil(clock, 'everything Ready again', () => {
        const pods = store.list('pods').filter((p) => p.status?.phase !== 'Succeeded' && !p.metadata.name.startsWith('cm-acme-http-solver-'));
        const deploys = store.list('deployments.apps');
        const sts = store.list('statefulsets.apps');
        return (
          pods.every(ready) &&
          deploys.every((d) => d.status?.observedGeneration === d.metadata.generation && d.status?.availableReplicas === d.spec.replicas && d.status?.replicas === d.spec.replicas) &&
          sts.every((s) => s.status?.readyReplicas === s.spec.replicas && s.status?.currentRevision === s.status?.updateRevision) &&
          store.get('clusters.postgresql.cnpg.io', 'data', 'postgres')!.status.phase === 'Cluster in healthy state' &&
          store.get('certificates.cert-manager.io', 'ingress', 'pingora-tls')?.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')
        );
      }, 45_000);
      const want = store.get('deployments.apps', 'messages', 'messages')!.spec.replicas;
      expect(podsOf(store, 'messages', 'messages')).toHaveLength(want);
      expect(box.world.faults.size).toBe(0);
      expect(store.list('events').length).toBeLessThan(700);
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
