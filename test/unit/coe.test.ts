import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COE_HEADINGS, exportCoe, guessSeverity } from '../../src/journal/coe.js';
import { Journal } from '../../src/journal/journal.js';
import type { RungVerdict } from '../../src/ladder/types.js';

function rungs(v: Partial<Record<number, RungVerdict['verdict']>>): RungVerdict[] {
  const titles = ['Status', 'Check', 'Logs', 'Vault', 'Data', 'Alerts', 'Errors'];
  return titles.map((title, i) => ({ id: (i + 1) as RungVerdict['id'], title, question: '', command: '', verdict: v[i + 1] ?? 'ok', summary: v[i + 1] === 'failing' ? 'cluster not healthy, 0/2 ready' : 'ok' }));
}

function incidentJournal(): Journal {
  let t = Date.parse('2026-11-23T02:00:00Z');
  const j = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-j-')), now: () => (t += 60_000), user: 'oncall' });
  j.recordRungChange(rungs({}), { rungs: rungs({ 5: 'failing' }), findings: [], overall: 'failing', rootCause: { id: 'pg', severity: 'failing', namespace: 'data', component: 'postgres', rule: 'pg-cluster-unhealthy', title: 'Database down: data/postgres 0/2 ready', detail: '' } });
  j.addNote('messages is crash-looping too');
  const s = j.actionStarted({ action: 'restart', title: 'Restart PostgreSQL cluster data/postgres', target: 'Cluster data/postgres', tier: 'change', params: {}, dryRun: false, commands: ['kubectl cnpg restart -n data postgres'] });
  j.actionFinished(s, { outcome: 'succeeded', message: 'cluster data/postgres healthy: 2/2 instances ready', durationMs: 42_000 });
  j.recordRungChange(rungs({ 5: 'failing' }), rungs({}));
  return j;
}

describe('COE export', () => {
  it('writes the playbook format: title, the four fields, every heading in order, - [ ] items', () => {
    const j = incidentJournal();
    const out = mkdtempSync(join(tmpdir(), 'sc-coe-'));
    const d = exportCoe({ journalEntries: j.read().entries, outDir: out, now: new Date('2026-11-23T03:00:00Z'), author: 'oncall' });
    const text = readFileSync(d.path, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('# COE-2026-001: Database down: data/postgres 0/2 ready');
    expect(lines[1]).toBe('**Date:** 2026-11-23');
    expect(lines[2]).toMatch(/^\*\*Duration:\*\* \d+ min$/);
    expect(lines[3]).toMatch(/^\*\*Severity:\*\* P1 \(draft guess: .*; confirm\)$/);
    expect(lines[4]).toBe('**Author:** oncall');
    const headingIdx = COE_HEADINGS.map((h) => lines.indexOf(h));
    expect(headingIdx.every((i) => i > 4)).toBe(true);
    expect([...headingIdx].sort((a, b) => a - b)).toEqual(headingIdx);
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([...COE_HEADINGS]);
    const timeline = lines.slice(headingIdx[1]! + 1, headingIdx[2]);
    expect(timeline.length).toBeGreaterThanOrEqual(6);
    expect(timeline.every((l) => /^- 2026-11-23 \d\d:\d\d:\d\d UTC — /.test(l))).toBe(true);
    const resolution = lines.slice(headingIdx[3]! + 1, headingIdx[4]).join('\n');
    expect(resolution).toContain('Restart PostgreSQL cluster data/postgres');
    const items = lines.slice(headingIdx[5]! + 1).filter(Boolean);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((l) => l.startsWith('- [ ] '))).toBe(true);
    expect(d.path.endsWith('COE-2026-001-database-down-data-postgres-0-2-ready.md')).toBe(true);
  });

  it('numbers after the existing COEs of the year and never overwrites', () => {
    const out = mkdtempSync(join(tmpdir(), 'sc-coe-'));
    writeFileSync(join(out, 'COE-2026-001-vault-root-token-loss.md'), '# COE-2026-001: Vault Root Token Loss\n');
    writeFileSync(join(out, 'COE-2025-007-old.md'), 'old\n');
    const entries = incidentJournal().read().entries;
    const a = exportCoe({ journalEntries: entries, outDir: out, now: new Date('2026-11-23T03:00:00Z'), author: 'a', title: 'Same title' });
    const b = exportCoe({ journalEntries: entries, outDir: out, now: new Date('2026-11-23T03:00:00Z'), author: 'a', title: 'Same title' });
    expect(a.id).toBe('COE-2026-002');
    expect(b.id).toBe('COE-2026-003');
    expect(readFileSync(join(out, 'COE-2026-001-vault-root-token-loss.md'), 'utf8')).toBe('# COE-2026-001: Vault Root Token Loss\n');
    expect(readdirSync(out).sort()).toEqual(['COE-2025-007-old.md', 'COE-2026-001-vault-root-token-loss.md', 'COE-2026-002-same-title.md', 'COE-2026-003-same-title.md']);
    const next = exportCoe({ journalEntries: entries, outDir: out, now: new Date('2027-01-02T03:00:00Z'), author: 'a', title: 'New year' });
    expect(next.id).toBe('COE-2027-001');
  });

  it('guesses P2 for a non-critical red rung and P3 for none', () => {
    let t = 0;
    const j = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-j-')), now: () => (t += 1000) });
    j.recordRungChange(rungs({}), rungs({ 6: 'failing' }));
    expect(guessSeverity(j.read().entries).level).toBe('P2');
    expect(guessSeverity([]).level).toBe('P3');
  });
});

describe('COE severity from actions alone', () => {
  it('a restart of the database without a ladder is a P1 guess', () => {
    let t = 0;
    const j = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-j-')), now: () => (t += 1000) });
    const s = j.actionStarted({ action: 'restart', title: 'Restart PostgreSQL cluster data/postgres', target: 'Cluster data/postgres', tier: 'change', params: {}, dryRun: false, commands: [] });
    j.actionFinished(s, { outcome: 'succeeded', message: 'healthy', durationMs: 1000 });
    expect(guessSeverity(j.read().entries)).toEqual({ level: 'P1', why: 'Cluster data/postgres had to be restarted' });
  });
});
