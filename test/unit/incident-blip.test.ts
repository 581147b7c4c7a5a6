// Unknown is not recovered: losing the API during an incident keeps it open, a blip (failing -> unknown ->
// failing) stays one incident, and it closes only when the rungs that failed are seen healthy; an incident
// does not close while an action it started is still running or verifying, and that action's end counts in
// its COE.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCoe, renderCoe } from '../../src/journal/coe.js';
import { Journal, type JournalEntry } from '../../src/journal/journal.js';
import { toTimeline } from '../../src/journal/timeline.js';
import type { RungVerdict } from '../../src/ladder/types.js';

function rungs(v: Partial<Record<number, RungVerdict['verdict']>>): RungVerdict[] {
  const titles = ['Status', 'Check', 'Logs', 'Vault', 'Data', 'Alerts', 'Errors'];
  return titles.map((title, i) => ({ id: (i + 1) as RungVerdict['id'], title, question: '', command: '', verdict: v[i + 1] ?? 'ok', summary: v[i + 1] ?? 'ok' }));
}

const down = rungs({ 1: 'failing', 2: 'failing', 5: 'failing' });
const lost = rungs({ 1: 'unknown', 2: 'unknown', 5: 'unknown' });
const healthy = rungs({});

function journal(): Journal {
  let t = Date.parse('2026-11-23T02:00:00Z');
  return new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-blip-')), now: () => (t += 1000), user: 'oncall' });
}

const kinds = (j: Journal) => j.read().entries.map((e) => e.kind);
const incidents = (j: Journal) => new Set(j.read().entries.map((e) => e.incident).filter(Boolean));

describe('incidents across an API blip', () => {
  it('losing the API (failing -> unknown) keeps the incident open', () => {
    const j = journal();
    j.recordRungChange(healthy, down);
    const id = j.currentIncident();
    expect(id).toBeDefined();
    j.recordRungChange(down, lost);
    expect(j.currentIncident()).toBe(id);
    expect(kinds(j)).not.toContain('incident-end');
  });

  it('failing -> unknown -> failing is one incident; it closes when the rungs are seen ok', () => {
    const j = journal();
    j.recordRungChange(healthy, down);
    const id = j.currentIncident();
    j.recordRungChange(down, lost);
    j.recordRungChange(lost, down);
    expect(j.currentIncident()).toBe(id);
    j.recordRungChange(down, healthy);
    expect(j.currentIncident()).toBeUndefined();
    expect(incidents(j)).toEqual(new Set([id]));
    expect(kinds(j).filter((k) => k === 'incident-start')).toHaveLength(1);
    expect(j.read().entries.at(-1)).toMatchObject({ kind: 'incident-end', incident: id, reason: 'Every rung that failed is seen healthy again' });
  });

  it('failing -> unknown -> ok closes it when ok is seen, and journals the rungs coming back', () => {
    const j = journal();
    j.recordRungChange(healthy, down);
    const id = j.currentIncident();
    j.recordRungChange(down, lost);
    expect(j.currentIncident()).toBe(id);
    const back = j.recordRungChange(lost, healthy);
    expect(back.map((e) => [e.rung, e.from, e.to])).toEqual([
      [1, 'unknown', 'ok'],
      [2, 'unknown', 'ok'],
      [5, 'unknown', 'ok'],
    ]);
    expect(j.currentIncident()).toBeUndefined();
    expect(toTimeline(j.read().entries, { incident: id }).map((r) => r.text).at(-1)).toMatch(/closed: Every rung that failed is seen healthy again$/);
  });

  it('a later console start with the API still down does not close an incident left open', () => {
    const j = journal();
    j.recordRungChange(healthy, down);
    const id = j.currentIncident();
    const again = new Journal({ dir: j.dir });
    again.recordRungChange(undefined, lost);
    expect(again.currentIncident()).toBe(id);
    again.recordRungChange(lost, healthy);
    expect(again.currentIncident()).toBeUndefined();
  });
});

describe('incidents and the actions they started', () => {
  const base = { action: 'cert-renew', title: 'Renew certificate ingress/pingora-tls', target: 'Certificate ingress/pingora-tls', tier: 'change' as const, params: {}, dryRun: false, commands: ['cmctl renew -n ingress pingora-tls'] };

  it('does not close while the action is verifying; closes when its success is journaled, in the incident', () => {
    const j = journal();
    j.recordRungChange(healthy, rungs({ 2: 'failing' }));
    const id = j.currentIncident();
    const start = j.actionStarted(base);
    // The renewed certificate is seen Ready before the verification returns.
    j.recordRungChange(rungs({ 2: 'failing' }), healthy);
    expect(j.currentIncident()).toBe(id);
    const end = j.actionFinished(start, { outcome: 'succeeded', message: 'Certificate ingress/pingora-tls is Ready until 2027-02-21.', durationMs: 4000 });
    expect(end.incident).toBe(id);
    expect(j.currentIncident()).toBeUndefined();
    const entries = j.read().entries;
    expect(entries.map((e) => e.kind).slice(-2)).toEqual(['action-end', 'incident-end']);
    const coe = renderCoe({ id: 'COE-2026-001', entries: entries.filter((e) => e.incident === id), author: 'oncall', title: 't', now: new Date() });
    expect(coe).toContain('1 action(s) succeeded');
  });

  it('an action that ends while something still fails leaves the incident open', () => {
    const j = journal();
    j.recordRungChange(healthy, rungs({ 2: 'failing' }));
    const id = j.currentIncident();
    const start = j.actionStarted(base);
    j.recordRungChange(rungs({ 2: 'failing' }), healthy);
    j.recordRungChange(healthy, rungs({ 2: 'failing' }));
    j.actionFinished(start, { outcome: 'failed', message: 'not Ready', durationMs: 1000 });
    expect(j.currentIncident()).toBe(id);
  });

  it('the COE counts an action of the incident whose end was journaled just after it closed (older journals)', () => {
    const at = (s: number) => `2026-11-23T02:00:${String(s).padStart(2, '0')}.000Z`;
    const inc = 'INC-20261123T020000Z';
    const entries: JournalEntry[] = [
      { v: 1, at: at(0), who: 'oncall', incident: inc, kind: 'incident-start', reason: 'Check rung failing' },
      { v: 1, at: at(1), who: 'oncall', incident: inc, kind: 'action-start', run: 'r1', ...base },
      { v: 1, at: at(5), who: 'oncall', incident: inc, kind: 'incident-end', reason: 'All rungs out of failing' },
      { v: 1, at: at(6), who: 'oncall', kind: 'action-end', run: 'r1', action: base.action, title: base.title, target: base.target, tier: 'change', outcome: 'succeeded', message: 'Ready', durationMs: 5000, dryRun: false },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'sc-coe-'));
    const rows = toTimeline(entries, { incident: inc });
    expect(rows.map((r) => r.kind)).toContain('result');
    const draft = exportCoe({ journalEntries: entries, outDir: dir, author: 'oncall', now: Date.parse(at(10)), incident: inc });
    expect(draft.content).toContain('1 action(s) succeeded');
    expect(draft.content).toContain('Resolved by: Renew certificate ingress/pingora-tls.');
  });
});
