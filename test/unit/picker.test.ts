import { describe, expect, it } from 'vitest';
import { builtinRunbooks } from '../../src/runbooks/engine.js';
import { runbooksById, runbooksFor } from '../../src/runbooks/fit.js';

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('runbook picker', () => {
  it('offers restart and logs on a selected Deployment', () => {
    const r = runbooksFor({ rung: 1, selection: { kind: 'Deployment', namespace: 'messages', name: 'messages' } }, false);
    expect(ids(r)).toEqual(expect.arrayContaining(['restart', 'logs']));
    expect(r.find((x) => x.id === 'restart')!.title).toBe('Restart messages/messages');
  });

  it('offers backup, PITR and restart postgres on the Data rung', () => {
    expect(ids(runbooksFor({ rung: 5 }, false))).toEqual(expect.arrayContaining(['backup-barman', 'backup-cnpg', 'pitr', 'restart-postgres', 'backup-status']));
  });

  it('offers both renewals and the ACME check on a Certificate', () => {
    const r = runbooksFor({ rung: 2, selection: { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' } }, false);
    expect(ids(r).slice(0, 3)).toEqual(['cert-renew-issuing', 'cert-renew-delete', 'acme-check']);
    expect(r.find((x) => x.id === 'cert-renew-delete')!.tier).toBe('destructive');
  });

  it('read-only mode leaves only read runbooks', () => {
    const r = runbooksFor({ rung: 5 }, true);
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => x.tier === 'read')).toBe(true);
    expect(ids(r)).not.toContain('restart-postgres');
  });

  it('needs a selection for runbooks about {{target}}', () => {
    expect(ids(runbooksFor({ rung: 2 }, false))).not.toContain('cert-renew-issuing');
  });

  it("gives an emergency row's runbooks by id, and read-only mode leaves only the read ones", () => {
    const row = ['postgres-operator-logs', 'restart-postgres', 'not-a-runbook'];
    expect(ids(runbooksById(row, false, builtinRunbooks()))).toEqual(['restart-postgres', 'postgres-operator-logs']);
    expect(ids(runbooksById(row, true, builtinRunbooks()))).toEqual(['postgres-operator-logs']);
  });
});
