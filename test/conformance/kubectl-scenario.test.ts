// kubectl's view of an incident drill: the postgres-down scenario as an on-call engineer would inspect it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { eventually, kubectl, rows } from './kubectl-helper.js';

let sim: SimHandle;

beforeAll(async () => {
  sim = await startSim({ scenario: 'postgres-down', speed: 20 });
});

afterAll(async () => {
  await sim?.stop();
});


describe('kubectl during postgres-down', () => {
  it('shows the Cluster unhealthy, its pods not ready, and the database clients crash-looping with restarts', async () => {
    const cluster = rows((await kubectl(sim.kubeconfigPath, ['get', 'clusters.postgresql.cnpg.io', '-n', 'data'])).stdout);
    const pg = cluster.find((r) => r[0] === 'postgres')!;
    expect(pg[4]).not.toBe('Cluster in healthy state');
    expect(pg[3]).toBe('0');

    const data = rows((await kubectl(sim.kubeconfigPath, ['get', 'pods', '-n', 'data', '-l', 'cnpg.io/cluster=postgres'])).stdout).slice(1);
    expect(data.map((r) => r[0]).sort()).toEqual(['postgres-1', 'postgres-2']);
    expect(data.every((r) => r[1] === '0/1')).toBe(true);

    const messages = await eventually(
      async () => rows((await kubectl(sim.kubeconfigPath, ['get', 'pods', '-n', 'messages', '-l', 'app=messages'])).stdout).slice(1),
      (rs) => rs.length > 0 && rs.some((r) => r[2] === 'CrashLoopBackOff' || r[2] === 'Error') && rs.some((r) => /^[1-9]\d* \(\S+ ago\)$/.test(r[3]!)),
      'messages pods crash-looping with restarts',
    );
    expect(messages.every((r) => r[1] === '0/1')).toBe(true);

    const pod = messages.find((r) => /^[1-9]/.test(r[3]!))![0]!;
    const prev = await kubectl(sim.kubeconfigPath, ['logs', '-n', 'messages', pod, '--previous', '--tail', '20']);
    expect(prev.code, prev.stderr).toBe(0);
    expect(prev.stdout).toContain('postgres-rw.data.svc');
  }, 60_000);
});
