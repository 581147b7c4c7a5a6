// The simulated pods/log endpoint as a kubelet behind an API server serves it, with the real kubectl and
// client-node: sinceTime is truncated to whole seconds (so a resuming client gets that second again and must
// de-duplicate), every line of a container has its own nanosecond timestamp, and closeLogStreams() ends a
// `kubectl logs -f` and a client-node Log follow. The rate knob reaches thousands of lines a second.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, Log } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { kubectl } from '../conformance/kubectl-helper.js';
import { sink } from '../helpers/text-sink.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
let kc: KubeConfig;
beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy' });
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
});
afterAll(() => sim?.stop());

const KUBELET_TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z) /;

async function podOf(ns: string, app: string): Promise<string> {
  return (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` })).items[0]!.metadata!.name!;
}

describe('pods/log fidelity', () => {
  it('timestamps=true: each line has a unique, strictly increasing RFC3339Nano timestamp, as a kubelet writes them', async () => {
    const pod = await podOf('ingress', 'pingora');
    const r = await kubectl(sim.kubeconfigPath, ['logs', '-n', 'ingress', pod, '--timestamps', '--tail', '400']);
    expect(r.code).toBe(0);
    const stamps = r.stdout.trim().split('\n').map((l) => KUBELET_TS.exec(l)?.[1]);
    expect(stamps.every(Boolean)).toBe(true);
    // nanosecond digits (more than a millisecond's three) on most lines; none has trailing zeros
    expect(stamps.filter((s) => /\.\d{4,9}Z$/.test(s!)).length).toBeGreaterThan(stamps.length * 0.9);
    expect(stamps.some((s) => /\.\d*0Z$/.test(s!))).toBe(false);
    const ns = stamps.map((s) => {
      const [, whole, frac = ''] = /^(.*?)(?:\.(\d+))?Z$/.exec(s!)!;
      return BigInt(Date.parse(`${whole}Z`)) * 1_000_000n + BigInt(frac.padEnd(9, '0'));
    });
    for (let i = 1; i < ns.length; i++) expect(ns[i]! > ns[i - 1]!).toBe(true);
  });

  it('sinceTime is truncated to the second: kubectl --since-time and client-node both get the whole second again', async () => {
    const pod = await podOf('ingress', 'pingora');
    const all = sim.box.logs.history('ingress', pod, 'pingora', false)!;
    // a line well inside the history, not on a whole second
    const target = all.slice(0, -20).reverse().find((l) => l.time.getUTCMilliseconds() > 0)!;
    const sinceTime = target.time.toISOString();
    const second = Math.floor(target.time.getTime() / 1000) * 1000;
    const expected = all.filter((l) => l.time.getTime() >= second && l.time.getTime() <= all.at(-21)!.time.getTime()).map((l) => l.text);
    const r = await kubectl(sim.kubeconfigPath, ['logs', '-n', 'ingress', pod, `--since-time=${sinceTime}`]);
    expect(r.code).toBe(0);
    const got = r.stdout.split('\n');
    expect(got.slice(0, expected.length)).toEqual(expected);
    // lines of that second before the sinceTime come back too when there were any
    const before = all.filter((l) => l.time.getTime() >= second && l.time.getTime() < target.time.getTime());
    expect(got.slice(0, before.length)).toEqual(before.map((l) => l.text));
    const out = sink();
    await new Log(kc).log('ingress', pod, 'pingora', out.stream, { follow: false, sinceTime: new Date(second + 999).toISOString() } as never);
    await waitFor(() => out.text().includes(expected[0]!), { message: 'client-node Log with sinceTime' });
    expect(out.text().split('\n')[0]).toBe(all.find((l) => l.time.getTime() >= second)!.text);
  });

  it('closeLogStreams() ends a kubectl logs -f (kubectl exits) and a client-node Log follow (its stream ends)', async () => {
    const pod = await podOf('ingress', 'pingora');
    const cache = mkdtempSync(join(tmpdir(), 'kubecache-'));
    const child = spawn('kubectl', ['--kubeconfig', sim.kubeconfigPath, 'logs', '-f', '-n', 'ingress', pod, '--tail', '1'], { env: { ...process.env, KUBECACHEDIR: cache, KUBECONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const out = sink();
    let ended = false;
    out.stream.on('finish', () => (ended = true));
    await new Log(kc).log('ingress', pod, 'pingora', out.stream, { follow: true, tailLines: 1 });
    await waitFor(() => stdout.split('\n').filter(Boolean).length >= 2 && out.text().split('\n').filter(Boolean).length >= 2, { message: 'both followers to get lines', timeoutMs: 20_000 });
    sim.closeLogStreams();
    const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 10_000))]);
    rmSync(cache, { recursive: true, force: true });
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).not.toBe('still running');
    await waitFor(() => ended, { message: 'the client-node follow to end' });
  });

  it('setLogRate("matrix/sol", 5000) delivers thousands of lines a second to a follower over the wire', async () => {
    const pod = await podOf('matrix', 'sol');
    const out = sink();
    await new Log(kc).log('matrix', pod, 'sol', out.stream, { follow: true, tailLines: 0 } as never);
    sim.setLogRate('matrix/sol', 5000);
    const count = () => out.text().split('\n').length - 1;
    await waitFor(() => count() > 100, { message: 'the first lines at the raised rate' });
    const c0 = count();
    const t0 = performance.now();
    // a measuring window of two seconds, not a wait for something to happen
    await waitFor(() => performance.now() - t0 >= 2000, { message: 'two seconds of lines', intervalMs: 50 });
    const rate = ((count() - c0) * 1000) / (performance.now() - t0);
    sim.setLogRate('matrix/sol', 0);
    sim.closeLogStreams();
    console.log(`sim log rate to a client-node follower: ${Math.round(rate)} lines/s (knob 5000)`);
    expect(rate).toBeGreaterThan(2000);
    // the lines are sol's own JSON
    const line = out.text().split('\n').at(-2)!;
    expect(JSON.parse(line)).toMatchObject({ logger: expect.stringMatching(/^sol/) });
  });
});
