// The one-shot action commands against the simulator through --kubeconfig (in-process run(), stdin is not a
// terminal under vitest): refusal without --yes, read-only, restart with --yes, journal, coe export (and where
// it writes without --out).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { readJournal } from '../../src/journal/journal.js';
import { journalStateDir } from '../../src/journal/paths.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';

let sim: SimHandle;

beforeAll(async () => {
  process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'sc-cli-state-'));
  sim = await startSim({ scenario: 'sol-crashloop', speed: 50 });
});
afterAll(async () => {
  await sim?.stop();
});

async function cli(...args: string[]): Promise<{ code: number | void; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('one-shot action commands', () => {
  it('refuses without --yes when stdin is not a terminal', async () => {
    const r = await cli('restart', 'matrix/sol', '--kubeconfig', sim.kubeconfigPath);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Refusing to restart without --yes: stdin is not a terminal, so a script must opt in.');
  });

  it('read-only refuses with the message and exit 1', async () => {
    const r = await cli('restart', 'matrix/sol', '--yes', '--read-only', '--kubeconfig', sim.kubeconfigPath);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Read-only mode: restart is a change; start without --read-only to run it.');
  });

  it('readOnly: true in the config file removes the change the same way', async () => {
    const cfgDir = mkdtempSync(join(tmpdir(), 'sc-cli-cfg-'));
    writeFileSync(join(cfgDir, 'config.yaml'), 'readOnly: true\n');
    process.env.SUNBEAM_CONFIG = join(cfgDir, 'config.yaml');
    try {
      const r = await cli('cert', 'renew', 'ingress/pingora-tls', '--yes', '--kubeconfig', sim.kubeconfigPath);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`Read-only mode: delete certificate is destructive; remove readOnly: true from ${join(cfgDir, 'config.yaml')} to run it.`);
    } finally {
      delete process.env.SUNBEAM_CONFIG;
    }
  });

  it('a dry run says so once: DRY RUN, not "DRY RUN: Dry run:"', async () => {
    const r = await cli('restart', 'matrix/sol', '--dry-run', '--demo');
    expect(r.code).toBe(0);
    const last = r.err.trim().split('\n').pop()!;
    expect(last).toMatch(/^DRY RUN: /);
    expect(last).not.toMatch(/DRY RUN: Dry run/i);
  });

  it('bad flags and bad targets are one sentence', async () => {
    expect((await cli('restart', '--bogus')).err.split('\n')[0]).toBe("sunbeam-console: unknown option '--bogus' for restart (see sunbeam-console restart --help).");
    expect((await cli('restart', 'not-a-ref', '--yes', '--kubeconfig', sim.kubeconfigPath)).err.split('\n')[0]).toBe(
      'sunbeam-console restart: "not-a-ref" is not NS/NAME (for example matrix/sol).',
    );
    expect((await cli('cert', 'renew', 'ingress/pingora-tls', '--delete', '--issuing')).code).toBe(2);
  });

  it('restart --yes fixes the crash-looping Sol, verifies and journals; journal and coe export show it', async () => {
    const r = await cli('restart', 'matrix/sol', '--yes', '--kubeconfig', sim.kubeconfigPath, '--timeout', '60');
    expect(r.err).toMatch(/OK: matrix\/sol restarted: 1\/1 pods ready, all replaced/);
    expect(r.code).toBe(0);
    const entries = readJournal(journalStateDir()).entries;
    expect(entries.filter((e) => e.kind === 'action-end').map((e) => e.kind === 'action-end' && e.outcome)).toEqual(['refused', 'refused', 'succeeded']);

    const j = await cli('journal');
    expect(j.code).toBe(0);
    expect(j.out).toMatch(/result +Restart matrix\/sol succeeded after/);
    const json = await cli('journal', '--json');
    expect(json.out.trim().split('\n').map((l) => JSON.parse(l).kind)).toContain('action-start');

    const out = mkdtempSync(join(tmpdir(), 'sc-cli-coe-'));
    writeFileSync(join(out, 'COE-2026-001-vault-root-token-loss.md'), '# COE-2026-001: Vault Root Token Loss\n');
    const c = await cli('coe', 'export', '--out', out, '--author', 'oncall');
    expect(c.code).toBe(0);
    const path = c.out.trim();
    expect(path).toMatch(/COE-\d{4}-002-restart-matrix-sol\.md$/);
    expect(readFileSync(path, 'utf8')).toMatch(/^# COE-\d{4}-002: Restart matrix\/sol\n\*\*Date:\*\* /);
  });

  it('runbook list / run and journal note go through the same picker, planner and executor', async () => {
    const list = await cli('runbook', 'list', '--rung', '5');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^backup-barman +change +Manual backup: barman backup postgres$/m);
    const ro = await cli('runbook', 'list', '--rung', '5', '--read-only');
    expect(ro.out).not.toMatch(/backup-barman/);
    expect(ro.out).toMatch(/^backup-status +read/m);

    const pitr = await cli('runbook', 'run', 'pitr', '--param', 'targetTime=2001-01-01T00:00:00Z', '--yes', '--kubeconfig', sim.kubeconfigPath);
    expect(pitr.code).toBe(1);
    expect(pitr.err).toMatch(/REFUSED: Target time: 2001-01-01T00:00:00.000Z is before the first recoverability point/);

    const logs = await cli('runbook', 'run', 'logs', 'matrix/synapse', '--kubeconfig', sim.kubeconfigPath);
    expect(logs.code).toBe(0);

    const note = await cli('journal', 'note', 'paged', 'the', 'DBA');
    expect(note.code).toBe(0);
    expect((await cli('journal')).out).toMatch(/note +Note \(\S+\): paged the DBA/);
  });

  it('journal --incident ID shows an action whose end was journaled just after the incident closed', async () => {
    const saved = process.env.XDG_STATE_HOME;
    process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'sc-cli-incident-'));
    try {
      const dir = journalStateDir();
      mkdirSync(dir, { recursive: true });
      const inc = 'INC-20261123T020000Z';
      const at = (s: number) => `2026-11-23T02:00:${String(s).padStart(2, '0')}.000Z`;
      const action = { action: 'cert-renew', title: 'Renew certificate ingress/pingora-tls', target: 'ingress/pingora-tls', tier: 'change' };
      const lines = [
        { v: 1, at: at(0), who: 'oncall', incident: inc, kind: 'incident-start', reason: 'Check rung failing' },
        { v: 1, at: at(1), who: 'oncall', incident: inc, kind: 'action-start', run: 'r1', ...action, params: {}, dryRun: false, commands: [] },
        { v: 1, at: at(5), who: 'oncall', incident: inc, kind: 'incident-end', reason: 'All rungs out of failing' },
        { v: 1, at: at(6), who: 'oncall', kind: 'action-end', run: 'r1', ...action, outcome: 'succeeded', message: 'Ready', durationMs: 5000, dryRun: false },
      ];
      writeFileSync(join(dir, 'journal-2026-11-23.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const json = await cli('journal', '--json', '--incident', inc);
      expect(json.code).toBe(0);
      expect(json.out.trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['incident-start', 'action-start', 'incident-end', 'action-end']);
    } finally {
      process.env.XDG_STATE_HOME = saved;
    }
  });

  it('coe export --demo writes beside the demo journal, not into the working directory, and says where', async () => {
    expect((await cli('journal', 'note', '--demo', 'drill', 'started')).code).toBe(0);
    const c = await cli('coe', 'export', '--demo', '--author', 'oncall');
    expect(c.code).toBe(0);
    const dir = join(journalStateDir(), 'demo', 'coe');
    expect(c.out.trim().startsWith(`${dir}/COE-`)).toBe(true);
    expect(c.err).toContain(`into ${dir} (the demo's state directory)`);
  });

  it('coe export without --out: docs/ops/ of the git repository holding the working directory, else the state directory', async () => {
    const cwd = process.cwd();
    const place = mkdtempSync(join(tmpdir(), 'sc-cli-cwd-'));
    try {
      process.chdir(place);
      const none = await cli('coe', 'export', '--author', 'oncall');
      expect(none.code).toBe(0);
      expect(none.out.trim().startsWith(`${join(journalStateDir(), 'coe')}/COE-`)).toBe(true);
      expect(none.err).toContain('(the state directory (no coeDir is configured and no git repository holds the working directory))');
      mkdirSync(join(place, '.git'));
      const repo = await cli('coe', 'export', '--author', 'oncall');
      expect(repo.out.trim().startsWith(`${join(place, 'docs', 'ops')}/COE-`)).toBe(true);
      expect(repo.err).toContain(`(docs/ops/ of the git repository ${place})`);
    } finally {
      process.chdir(cwd);
    }
  });
});
