// The vault one-shots against the simulator's OpenBao (in-process main(); stdin is not a terminal under vitest,
// and is replaced by a stream where a test pipes shares or a value): vault status's exit codes before and after
// the unseal, a malformed share refused in one sentence, three shares from the keys file on stdin, kv get masked,
// kv put with check-and-set reaching the Kubernetes Secret and the rollout, and no share or value in any output
// or journal file.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';

let sim: SimHandle;
let shares: string[];
const dir = mkdtempSync(join(tmpdir(), 'sc-vault-cli-'));
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  process.env.XDG_STATE_HOME = join(dir, 'state');
  sim = await startSim({ scenario: 'vault-sealed', speed: 20, unsealKeysPath: join(dir, 'keys') });
  for (const k of ['BAO_ADDR', 'BAO_TOKEN', 'BAO_CACERT']) {
    saved[k] = process.env[k];
    process.env[k] = sim.env[k];
  }
  shares = readFileSync(join(dir, 'keys'), 'utf8').trim().split('\n');
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
  await sim?.stop();
});

async function cli(args: string[], stdin?: string): Promise<{ code: number | void; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  const realStdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  if (stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(stdin)]), configurable: true });
  try {
    const code = await main([...args, '--kubeconfig', sim.kubeconfigPath]);
    return { code, out, err };
  } finally {
    Object.defineProperty(process, 'stdin', realStdin);
    o.mockRestore();
    e.mockRestore();
  }
}

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? filesUnder(join(d, n)) : [join(d, n)]));
}

describe('vault one-shots', () => {
  const seen: string[] = [];

  it('vault status exits 2 while sealed, with the progress and the nonce as bao status prints them', async () => {
    const r = await cli(['vault', 'status']);
    seen.push(r.out, r.err);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/Replica\s+openbao-0/);
    expect(r.out).toMatch(/Sealed\s+true/);
    expect(r.out).toMatch(/Unseal Progress\s+0\/3/);
    const j = await cli(['vault', 'status', '-o', 'json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.out)).toMatchObject({ sealed: true, replicas: [{ name: 'openbao-0', sealed: true, t: 3, n: 5, progress: 0 }] });
  });

  it('vault unseal: no share and no terminal is bad usage; a malformed share is refused in one sentence and nothing counts', async () => {
    const none = await cli(['vault', 'unseal']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('stdin is not a terminal: give - to read the shares from stdin');
    const bad = await cli(['vault', 'unseal', '-'], 'this is not a share!\n');
    seen.push(bad.out, bad.err);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('That is not a key share (base64 or hex, one whole line): nothing was sent');
  });

  it('vault unseal - with three shares from the keys file unseals it; vault status then exits 0', async () => {
    const r = await cli(['vault', 'unseal', '-'], `${shares.slice(0, 3).join('\n')}\n`);
    seen.push(r.out, r.err);
    expect(r.err).not.toContain('Warning');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toEqual(['openbao-0: 1/3 shares (2 more to go)', 'openbao-0: 2/3 shares (1 more to go)', 'openbao-0: unsealed']);
    const after = await cli(['vault', 'status']);
    seen.push(after.out, after.err);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/Sealed\s+false/);
  });

  it('vault kv get masks the values; kv put writes with check-and-set and waits for the Secret and the rollout', async () => {
    const got = await cli(['vault', 'kv', 'get', 'secret/messages/django-secret']);
    seen.push(got.out, got.err);
    expect(got.code).toBe(0);
    expect(got.out).toMatch(/DJANGO_SECRET_KEY\s+\*\*\*/);
    const v0 = Number(/Version\s+(\d+)/.exec(got.out)![1]);
    const value = 'a'.repeat(8) + 'rotated-django-secret-0123456789abcdef';
    const put = await cli(['vault', 'kv', 'put', 'secret/messages/django-secret', 'DJANGO_SECRET_KEY=-', '--yes', '--timeout', '90'], `${value}\n`);
    seen.push(put.out, put.err);
    expect(put.err).toContain(`$ bao kv put -cas=${v0} secret/messages/django-secret DJANGO_SECRET_KEY=-`);
    expect(put.err).toContain('every Messages session is invalidated');
    expect(put.code).toBe(0);
    expect(put.err).toMatch(/Restarts: deployment\/messages\b/);
    expect(put.err).toMatch(new RegExp(`OK: secret/messages/django-secret is version ${v0 + 1}, messages/django-secret is updated and deployment/messages.* rolled out`));
    const again = await cli(['vault', 'kv', 'get', 'secret/messages/django-secret', '--show', '-o', 'json']);
    expect(JSON.parse(again.out)).toMatchObject({ version: v0 + 1, data: { DJANGO_SECRET_KEY: value } });
    for (const t of seen) expect(t).not.toContain(value);
    const journal = filesUnder(join(dir, 'state')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(journal).toContain('vault-kv-put');
    expect(journal).toContain('vault-unseal');
    expect(journal).not.toContain(value);
    for (const s of shares) {
      expect(journal).not.toContain(s);
      for (const t of seen) expect(t).not.toContain(s);
    }
  }, 120_000);
});
