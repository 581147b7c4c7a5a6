import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { maskParams, maskText } from '../../src/actions/mask.js';
import { confirmationFor } from '../../src/actions/tiers.js';
import type { Action } from '../../src/actions/types.js';
import { Journal, readJournal } from '../../src/journal/journal.js';
import { toTimeline } from '../../src/journal/timeline.js';
import type { RungVerdict } from '../../src/ladder/types.js';
import type { KubeClients } from '../../src/kube/client.js';
import { createWriters } from '../../src/actions/writers/index.js';

const UNSEAL_KEY = 'qZ3k9Vx7Lr2Np8Wt5Yb1Hc4Jd6Fg0Ms2Qa7Ue9Io3Pz==';
const TOKEN = 'hvs.CAESIJ8xY2Q3bZk9aGVsbG8td29ybGQtdG9rZW4';

function rungs(v: Partial<Record<number, RungVerdict['verdict']>>): RungVerdict[] {
  const titles = ['Status', 'Check', 'Logs', 'Vault', 'Data', 'Alerts', 'Errors'];
  return titles.map((title, i) => ({ id: (i + 1) as RungVerdict['id'], title, question: '', command: '', verdict: v[i + 1] ?? 'ok', summary: v[i + 1] === 'failing' ? '0/2 ready' : 'ok' }));
}

describe('secret masking', () => {
  it('masks declared secrets, secret-named params and token shapes, keeps Kubernetes names', () => {
    const m = maskParams({ key: 'short', unsealKey: 'abc', target: 'vault-secrets-operator-controller-manager', note: `use ${TOKEN}`, blob: UNSEAL_KEY, time: '2026-11-23T18:00:00Z' }, [{ name: 'key', prompt: 'k', secret: true }]);
    expect(m.key).toBe('***');
    expect(m.unsealKey).toBe('***');
    expect(m.target).toBe('vault-secrets-operator-controller-manager');
    expect(m.note).toBe('use ***');
    expect(m.blob).toBe('***');
    expect(m.time).toBe('2026-11-23T18:00:00Z');
    expect(maskText('Authorization: Bearer abcdef123456789')).toBe('Authorization: Bearer ***');
  });

  it('nothing secret reaches the journal file: params, notes, messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-journal-'));
    const journal = new Journal({ dir, user: 'oncall' });
    const params: Record<string, string> = { key: UNSEAL_KEY, comment: `token ${TOKEN}` };
    const a: Action = {
      id: 'unseal-test',
      verb: 'unseal',
      title: 'Unseal',
      target: { kind: 'Pod', namespace: 'openbao', name: 'openbao-0' },
      tier: 'secret',
      confirmation: confirmationFor('secret', 'openbao-0', 'Unseal key'),
      params: [{ name: 'key', prompt: 'an unseal key', secret: true }],
      steps: [{ title: 'use', tier: 'secret', dryRunnable: false, calls: [], run: async (ctx) => ({ ok: true, message: `used ${ctx.params.key}` }) }],
    };
    const r = await execute(a, params, { clients: { kube: {} as KubeClients }, writers: createWriters({ kube: {} as KubeClients }), journal, readOnly: false });
    expect(r.outcome).toBe('succeeded');
    expect(params.key).toBeUndefined();
    journal.addNote(`pasted ${TOKEN} by mistake`);
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(text).not.toContain(UNSEAL_KEY);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('***');
    const start = journal.read().entries.find((e) => e.kind === 'action-start');
    expect(start).toMatchObject({ params: { key: '***', comment: 'token ***' }, who: 'oncall', tier: 'secret', dryRun: false });
  });
});

describe('journal', () => {
  it('opens an incident at the first red rung and closes it when nothing is failing', () => {
    let t = Date.parse('2026-11-23T02:00:00Z');
    const dir = mkdtempSync(join(tmpdir(), 'sc-journal-'));
    const j = new Journal({ dir, now: () => t, user: 'oncall' });
    expect(j.recordRungChange(undefined, rungs({}))).toEqual([]);
    t += 60_000;
    j.recordRungChange(rungs({}), rungs({ 5: 'failing' }));
    const id = j.currentIncident();
    expect(id).toMatch(/^INC-20261123T020100Z$/);
    t += 60_000;
    j.addNote('restarting postgres');
    t += 60_000;
    j.recordRungChange(rungs({ 5: 'failing' }), rungs({}));
    expect(j.currentIncident()).toBeUndefined();
    const entries = j.read().entries;
    expect(entries.map((e) => e.kind)).toEqual(['incident-start', 'rung', 'note', 'rung', 'incident-end']);
    expect(entries.every((e) => e.incident === id)).toBe(true);
    const rows = toTimeline(entries);
    expect(rows.map((r) => r.time)).toEqual(['02:01:00', '02:01:00', '02:02:00', '02:03:00', '02:03:00']);
    expect(rows[1]!.text).toBe('5 Data went red: 0/2 ready');
    expect(rows[3]!.text).toBe('5 Data went green: ok');
    // a new Journal on the same directory restores the open incident
    j.recordRungChange(rungs({}), rungs({ 4: 'failing' }));
    const again = new Journal({ dir, now: () => t });
    expect(again.currentIncident()).toBe(j.currentIncident());
    // a later console start that finds nothing failing closes it
    again.recordRungChange(undefined, rungs({}));
    expect(again.currentIncident()).toBeUndefined();
    expect(again.read().entries.at(-1)).toMatchObject({ kind: 'incident-end', reason: 'Nothing failing at start' });
  });

  it('the reader skips a torn last line and counts it; the next entry starts on a fresh line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-journal-'));
    const j = new Journal({ dir });
    j.addNote('one');
    appendFileSync(j.pathFor(), '{"v":1,"kind":"note","at":"2026-');
    expect(readJournal(dir)).toMatchObject({ skipped: 1 });
    j.addNote('two');
    const r = readJournal(dir);
    expect(r.entries.map((e) => (e.kind === 'note' ? e.text : ''))).toEqual(['one', 'two']);
    expect(r.skipped).toBe(1);
  });

  it('journals the equivalent commands as `commands`, and reads older lines that called them `kubectl`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-journal-'));
    const j = new Journal({ dir, user: 'oncall' });
    const a: Action = {
      id: 'renew',
      verb: 'renew certificate',
      title: 'Renew ingress/pingora-tls',
      target: { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' },
      tier: 'read',
      confirmation: confirmationFor('read', 'pingora-tls'),
      params: [],
      steps: [{ title: 'renew', tier: 'read', dryRunnable: true, calls: [{ equivalent: { tool: 'cmctl', command: 'cmctl renew -n ingress pingora-tls' }, method: 'PUT', path: '/x' }], run: async () => ({ ok: true, message: 'ok' }) }],
    };
    await execute(a, {}, { clients: { kube: {} as KubeClients }, writers: createWriters({ kube: {} as KubeClients }), journal: j, readOnly: false });
    const line = readFileSync(j.pathFor(), 'utf8').split('\n').find((l) => l.includes('"action-start"'))!;
    expect(JSON.parse(line)).toMatchObject({ commands: ['cmctl renew -n ingress pingora-tls'] });
    expect(JSON.parse(line)).not.toHaveProperty('kubectl');
    // A line written before the field was renamed.
    appendFileSync(
      j.pathFor(),
      `${JSON.stringify({ v: 1, at: new Date().toISOString(), who: 'old', kind: 'action-start', run: 'r-old', action: 'restart', title: 'Restart matrix/sol', target: 'Deployment matrix/sol', tier: 'change', params: {}, dryRun: false, kubectl: ['kubectl -n matrix rollout restart deployment/sol'] })}\n`,
    );
    const old = readJournal(dir).entries.find((e) => e.kind === 'action-start' && e.run === 'r-old')!;
    expect(old).toMatchObject({ commands: ['kubectl -n matrix rollout restart deployment/sol'] });
    expect(old).not.toHaveProperty('kubectl');
    expect(toTimeline(readJournal(dir).entries).map((r) => r.text)).toContain('old started Restart matrix/sol [change]: kubectl -n matrix rollout restart deployment/sol');
  });
});
