// `check data`, `check matrix` and `check monitoring` as a user runs them: the BUILT binary (npm run build first) with --demo.
// sol-crashloop: exit 1, Sol's brain is the root cause (the simulated Mistral API's 429) and Sol's crash loop
// follows from it. alerts-not-reaching-matrix: exit 1 (it said HEALTHY, exit 0, before), the broken hop named.
// On this branch alone the AlertManager hops cannot be told (no AlertManager source yet): the receiver's error
// lines (Loki) break the path; after the AlertManager work is merged the webhook's failures join the sentence.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/cli/check-report.js';

// check data, with the simulated Box's real PostgreSQL: the report waits for the simulator to settle (its
// database up, the leak drill's sessions in), so the leak is named as the root cause on the first read.

const BIN = resolve('bin/sunbeam-console.js');
const HOME = mkdtempSync(join(tmpdir(), 'sc-mistral-check-'));
const ENV: Record<string, string | undefined> = { ...process.env, HOME, XDG_CONFIG_HOME: join(HOME, 'config'), XDG_STATE_HOME: join(HOME, 'state'), KUBECONFIG: '', SUNBEAM_CONFIG: '', NO_COLOR: '1', MISTRAL_API_KEY: 'a-real-key-that-must-not-reach-a-drill' };

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: ENV, timeout: 40_000 }, (error, out, err) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err }));
  });
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('bin/sunbeam-console.js is missing: run npm run build first.');
});

describe('check with the Matrix side', () => {
  it("check matrix --demo --scenario sol-crashloop names Sol's brain as the root cause", async () => {
    const r = await cli(['check', 'matrix', '--demo', '--scenario', 'sol-crashloop', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as CheckReport;
    const brain = j.findings.find((f) => f.rule === 'sol-brain')!;
    expect(brain).toMatchObject({ severity: 'failing', namespace: 'matrix', title: "Sol's brain does not answer: Mistral API 429 (rate limited), retry in 90s" });
    expect(j.findings[0]!.id).toBe(brain.id);
    expect(j.findings.find((f) => f.rule === 'crash-loop' && f.namespace === 'matrix')?.blockedBy).toEqual([brain.id]);
    expect(r.out).not.toContain('a-real-key-that-must-not-reach-a-drill');
    const text = await cli(['check', 'matrix', '--demo', '--scenario', 'sol-crashloop']);
    expect(text.out).toMatch(/FAIL +matrix: Sol's brain does not answer: Mistral API 429 \(rate limited\), retry in 90s +\[root cause\]/);
  }, 60_000);

  it('check monitoring --demo --scenario alerts-not-reaching-matrix exits 1 naming the broken hop', async () => {
    const r = await cli(['check', 'monitoring', '--demo', '--scenario', 'alerts-not-reaching-matrix']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL +monitoring: Alerts do not reach Matrix: matrix-alertmanager-receiver -> the Matrix room is broken/);
    expect(r.out).toContain('rotate matrix-bot-secret');
    expect(r.out).toMatch(/Verdict: UNHEALTHY/);
  }, 60_000);

  it('a healthy demo: check matrix and check monitoring stay healthy (exit 0)', async () => {
    const [m, mon] = await Promise.all([cli(['check', 'matrix', '--demo']), cli(['check', 'monitoring', '--demo'])]);
    expect(m.code, m.out).toBe(0);
    expect(mon.code, mon.out).toBe(0);
  }, 60_000);
});

describe('check data with PostgreSQL itself', () => {
  it('postgres-connections-exhausted: exit 1, the leaking application the root cause, who holds the connections in the report', async () => {
    const r = await cli(['check', 'data', '--demo', '--scenario', 'postgres-connections-exhausted', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as CheckReport;
    expect(j.rootCause).toBe('pg-leak:drive/drive');
    expect(j.findings.find((f) => f.rule === 'pg-connections')).toMatchObject({ severity: 'failing', blockedBy: ['pg-leak:drive/drive'] });
    expect(j.postgres).toMatchObject({ state: 'ok', target: expect.stringMatching(/^sunbeam_console@127\.0\.0\.1:\d+\/postgres$/) });
    expect(j.postgres!.applications[0]).toMatchObject({ application: 'drive', database: 'drive' });
    expect(j.postgres!.applications[0]!.idleInTransaction).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('healthy: exit 0, the connections counted', async () => {
    const r = await cli(['check', 'data', '--demo', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as CheckReport;
    expect(j.findings).toEqual([]);
    expect(j.postgres).toMatchObject({ state: 'ok', idleInTransaction: 0 });
    expect(j.postgres!.inUse).toBeGreaterThan(5);
  }, 60_000);
});
