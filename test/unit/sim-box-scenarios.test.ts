import { describe, expect, it } from 'vitest';
import { boot, cond, podsOf, ready, unsealWith, until } from './sim-box-helpers.js';

const RESTART = 'kubectl.kubernetes.io/restartedAt';

describe('scenarios are causal', () => {
  it('postgres-down: the cluster fails, DB clients crash-loop with climbing restarts; restarting data/postgres heals them', async () => {
    const { store, box } = boot('postgres-down');
    const cluster = store.get('clusters.postgresql.cnpg.io', 'data', 'postgres')!;
    expect(cluster.status.phase).toBe('Failing over');
    expect(cluster.status.readyInstances).toBe(0);
    expect(cond(cluster, 'Ready').status).toBe('False');
    const pg = store.get('pods', 'data', 'postgres-1')!;
    expect(pg.status.containerStatuses[0].state.waiting.reason).toBe('CrashLoopBackOff');
    expect(box.logs.history('data', 'postgres-1', 'postgres', false)!.some((l) => / FATAL: /.test(l.text))).toBe(true);
    const pod = podsOf(store, 'messages', 'messages')[0]!;
    const cs = pod.status.containerStatuses[0];
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const r0 = cs.restartCount;
    expect(r0).toBeGreaterThan(0);
    await until('restarts to climb', () => (store.get('pods', 'messages', pod.metadata.name)?.status.containerStatuses[0].restartCount ?? 0) > r0);
    const lines = [...box.logs.history('messages', pod.metadata.name, 'django', true)!, ...box.logs.history('messages', pod.metadata.name, 'django', false)!].map((l) => l.text);
    expect(lines.some((t) => t.includes('could not connect to server: Connection refused') && t.includes('postgres-rw.data.svc'))).toBe(true);
    // one aggregated BackOff event per pod, its count climbing
    const backoffs = store.list('events', 'messages').filter((e) => e.reason === 'BackOff' && e.involvedObject.name === pod.metadata.name);
    expect(backoffs).toHaveLength(1);
    expect(backoffs[0]).toMatchObject({ type: 'Warning', source: { component: 'kubelet' }, eventTime: null });
    expect(backoffs[0]!.message).toMatch(/^Back-off restarting failed container django in pod messages-/);
    expect(backoffs[0]!.count).toBeGreaterThan(1);
    // the fix: `kubectl cnpg restart` puts the restart annotation on the Cluster
    store.mutate('clusters.postgresql.cnpg.io', 'data', 'postgres', (c) => {
      c.metadata.annotations = { ...c.metadata.annotations, [RESTART]: new Date().toISOString() };
    });
    await until('the cluster to be healthy', () => {
      const c = store.get('clusters.postgresql.cnpg.io', 'data', 'postgres')!;
      return c.status.phase === 'Cluster in healthy state' && c.status.readyInstances === 2;
    }, 20_000);
    expect(box.world.postgresDown).toBe(false);
    await until('messages to recover', () => {
      const pods = podsOf(store, 'messages', 'messages');
      return pods.length === 2 && pods.every(ready);
    }, 20_000);
    await until('the deployment to be available', () => cond(store.get('deployments.apps', 'messages', 'messages'), 'Available')?.status === 'True');
  });

  it('vault-sealed: openbao-0 runs but is not Ready, credential-dependent pods fail; unseal heals them', async () => {
    const { store, box } = boot('vault-sealed');
    const bao = store.get('pods', 'openbao', 'openbao-0')!;
    expect(bao.status.phase).toBe('Running');
    expect(ready(bao)).toBe(false);
    expect(bao.status.containerStatuses[0].state.running).toBeTruthy();
    expect(store.list('events', 'openbao').some((e) => e.reason === 'Unhealthy')).toBe(true);
    for (const [ns, app] of [['messages', 'messages'], ['matrix', 'sol'], ['gitea', 'gitea']]) {
      expect(podsOf(store, ns!, app!).every((p) => !ready(p)), `${ns}/${app}`).toBe(true);
    }
    expect(podsOf(store, 'mail', 'postfix').every(ready)).toBe(true);
    // drive's credentials Secret was never synced: its container cannot even be created
    const drive = podsOf(store, 'drive', 'drive')[0]!;
    expect(drive.status.phase).toBe('Pending');
    expect(drive.status.containerStatuses[0].state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'secret "drive-db-creds" not found' });
    const vso = podsOf(store, 'vault-secrets-operator', 'vault-secrets-operator-controller-manager')[0]!;
    await until('VSO to log that Vault is sealed', () => box.logs.history('vault-secrets-operator', vso.metadata.name, 'manager', false)!.some((l) => l.text.includes('Vault is sealed')));
    // three of five key shares, as `bao operator unseal` gives them
    const shares = await box.world.bao.init();
    await box.world.bao.submitShare('openbao-0', Buffer.from(shares[0]!, 'base64'));
    await box.world.bao.submitShare('openbao-0', Buffer.from(shares[3]!, 'base64'));
    expect(box.world.bao.view('openbao-0')!.progress).toBe(2);
    expect(box.world.sealed).toBe(true);
    await box.world.bao.submitShare('openbao-0', Buffer.from(shares[1]!, 'base64'));
    expect(box.world.bao.view('openbao-0')!.progress).toBe(0);
    expect(box.world.sealed).toBe(false);
    await until('openbao-0 Ready', () => ready(store.get('pods', 'openbao', 'openbao-0')));
    expect(box.logs.history('openbao', 'openbao-0', 'openbao', false)!.some((l) => l.text.includes('core: vault is unsealed'))).toBe(true);
    await until('every pod Ready again', () => store.list('pods').filter((p) => p.status.phase !== 'Succeeded').every(ready), 20_000);
    expect(store.get('secrets', 'drive', 'drive-db-creds')!.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('hashicorp-vso');
  });

  it('seaweedfs-volume-down, sol-crashloop and all-502 are fixed by restarting the broken workload', async () => {
    for (const [scenario, key, ns, name, podName, probe] of [
      ['seaweedfs-volume-down', 'statefulsets.apps', 'storage', 'seaweedfs-volume', 'seaweedfs-volume-0', undefined],
      ['sol-crashloop', 'deployments.apps', 'matrix', 'sol', undefined, undefined],
      ['all-502', 'deployments.apps', 'linkerd', 'linkerd-destination', undefined, ['ingress', 'pingora']],
    ] as const) {
      const { store, box } = boot(scenario);
      const pods = () => (podName ? [store.get('pods', ns, podName)!].filter(Boolean) : podsOf(store, ns, name));
      expect(pods()[0]!.status.containerStatuses[0].state.waiting?.reason, scenario).toBe('CrashLoopBackOff');
      if (probe) {
        expect(podsOf(store, probe[0], probe[1]).some(ready), scenario).toBe(false);
        const p = podsOf(store, probe[0], probe[1])[0]!;
        await until('pingora to log 502s', () => box.logs.history(probe[0], p.metadata.name, 'pingora', false)!.some((l) => / 502 /.test(l.text)));
      }
      store.mutate(key, ns, name, (o) => {
        o.spec.template.metadata.annotations = { ...o.spec.template.metadata.annotations, [RESTART]: new Date().toISOString() };
      });
      await until(`${scenario} to heal`, () => pods().length > 0 && pods().every(ready) && (!probe || podsOf(store, probe[0], probe[1]).every(ready)), 20_000);
      expect(box.world.faults.size).toBe(0);
      if (scenario === 'sol-crashloop') {
        const sol = pods()[0]!;
        const text = box.logs.history('matrix', sol.metadata.name, 'sol', false)!.map((l) => l.text).join('\n');
        expect(text).toContain('OpenSearch archive');
        expect(text).toContain('*sneezes*');
      }
      box.stop();
    }
  });

  it('postgres-connections-exhausted: drive runs (its pool leaks, in the simulated database); a rollout restart of drive clears the leak', async () => {
    const { store, box } = boot('postgres-connections-exhausted');
    expect(box.world.hasFault('drive/drive')).toBe(true);
    expect(box.runningPods('drive', 'drive')).toEqual(podsOf(store, 'drive', 'drive').map((p) => p.metadata.name));
    expect(box.runningPods('drive', 'drive')).toHaveLength(1);
    const old = box.runningPods('drive', 'drive')[0]!;
    store.mutate('deployments.apps', 'drive', 'drive', (o) => {
      o.spec.template.metadata.annotations = { ...o.spec.template.metadata.annotations, [RESTART]: new Date().toISOString() };
    });
    await until('a new drive pod to run alone', () => box.runningPods('drive', 'drive').length === 1 && box.runningPods('drive', 'drive')[0] !== old, 20_000);
    expect(box.world.faults.size).toBe(0);
  });

  it('alerts-not-reaching-matrix: the receiver runs but logs M_UNKNOWN_TOKEN; a new bot secret fixes it', async () => {
    const { store, box } = boot('alerts-not-reaching-matrix');
    const pod = podsOf(store, 'monitoring', 'matrix-alertmanager-receiver')[0]!;
    expect(ready(pod)).toBe(true);
    const lines = () => box.logs.history('monitoring', podsOf(store, 'monitoring', 'matrix-alertmanager-receiver').find(ready)!.metadata.name, 'matrix-alertmanager-receiver', false)!.map((l) => l.text);
    expect(lines().some((t) => t.includes('M_UNKNOWN_TOKEN') && t.includes('401'))).toBe(true);
    store.mutate('secrets', 'monitoring', 'matrix-bot-secret', (s) => {
      s.data = { ...s.data, 'access-token': Buffer.from('sim-placeholder-rotated').toString('base64') };
    });
    await until('the receiver to be restarted', () => {
      const ps = podsOf(store, 'monitoring', 'matrix-alertmanager-receiver');
      return ps.length === 1 && ps[0]!.metadata.uid !== pod.metadata.uid && ready(ps[0]);
    });
    expect(box.world.hasFault('matrix-bot-token')).toBe(false);
  });

  it('a restarted OpenBao comes up sealed (Shamir seal), and its dependants fail until it is unsealed', async () => {
    const { store, box } = boot();
    const old = store.get('pods', 'openbao', 'openbao-0')!;
    store.delete('pods', 'openbao', 'openbao-0', { graceful: true });
    await until('a new openbao-0 running, sealed', () => {
      const p = store.get('pods', 'openbao', 'openbao-0');
      return p && p.metadata.uid !== old.metadata.uid && p.status.containerStatuses?.[0]?.state?.running && box.world.sealed;
    });
    await until('credential-dependent pods to fail', () => podsOf(store, 'matrix', 'sol').every((p) => p.status.containerStatuses[0].restartCount > 0));
    expect(ready(store.get('pods', 'openbao', 'openbao-0'))).toBe(false);
    await unsealWith(box, 'openbao-0');
    await until('recovery', () => ready(store.get('pods', 'openbao', 'openbao-0')) && podsOf(store, 'matrix', 'sol').every(ready), 20_000);
  });

  it('alerts-not-reaching-matrix is also fixed the playbook way: a new bot token put in OpenBao, synced by VSO', async () => {
    const { store, box } = boot('alerts-not-reaching-matrix');
    const pod = podsOf(store, 'monitoring', 'matrix-alertmanager-receiver')[0]!;
    box.world.kv.write('monitoring/matrix-bot', { 'access-token': 'a-new-token', 'user-id': '@alertbot:sunbeam.example' });
    await until('the receiver to be restarted with the new token', () => {
      const ps = podsOf(store, 'monitoring', 'matrix-alertmanager-receiver');
      return ps.length === 1 && ps[0]!.metadata.uid !== pod.metadata.uid && ready(ps[0]) && !box.world.hasFault('matrix-bot-token');
    });
    expect(store.get('secrets', 'monitoring', 'matrix-bot-secret')!.metadata.annotations?.['secrets.hashicorp.com/vault-version']).toBe('2');
  });
});
