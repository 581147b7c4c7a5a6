import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin/index.js';
import { builtinRunbooks, loadRunbooks } from '../../src/runbooks/engine.js';
import { EMERGENCY_TABLE, emergencyRows } from '../../src/runbooks/emergency.js';
import { validateRunbook } from '../../src/runbooks/schema.js';
import { StepSchema } from '../../src/runbooks/steps/index.js';
import { readdirSync } from 'node:fs';

describe('runbook schema', () => {
  it('accepts every built-in runbook, with unique ids', () => {
    for (const d of BUILTIN_RUNBOOKS) {
      const r = validateRunbook(d, `builtin:${d.id}`);
      expect(r.ok ? [] : r.errors).toEqual([]);
    }
    const ids = BUILTIN_RUNBOOKS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('computes the tier as the max of the steps', () => {
    const byId = new Map(builtinRunbooks().map((r) => [r.id, r]));
    expect(byId.get('logs')!.tier).toBe('read');
    expect(byId.get('restart')!.tier).toBe('change');
    expect(byId.get('cert-renew-delete')!.tier).toBe('destructive');
    expect(byId.get('pitr')!.tier).toBe('destructive');
    const mixed = validateRunbook({ id: 'mixed', title: 'm', steps: [{ action: 'logs', target: 'a/b' }, { action: 'delete', kind: 'certificate', target: 'a/b' }] }, 'x');
    expect(mixed.ok && mixed.runbook.tier).toBe('destructive');
  });

  it('rejects a bad YAML file with file + field, and still loads the good ones', () => {
    const cfg = mkdtempSync(join(tmpdir(), 'sc-cfg-'));
    mkdirSync(join(cfg, 'runbooks'));
    writeFileSync(join(cfg, 'runbooks', 'foo.yaml'), 'id: foo\ntitle: Foo\nsteps:\n  - action: reboot\n    target: data/postgres\n');
    writeFileSync(join(cfg, 'runbooks', 'bar.yaml'), 'id: bar\ntitle: Bar\nsteps:\n  - action: exec\n    command: [ls]\n');
    writeFileSync(join(cfg, 'runbooks', 'broken.yaml'), 'id: [unclosed\n');
    writeFileSync(
      join(cfg, 'runbooks', 'good.yaml'),
      'id: drain-and-backup\ntitle: Restart gitea then back up\nappliesTo: { rungs: [5] }\nsteps:\n  - action: restart\n    target: gitea/gitea\n  - action: wait\n    target: gitea/gitea\n    condition: rollout-complete\n  - action: create-backup\n    target: data/postgres\n',
    );
    const { runbooks, errors } = loadRunbooks({ configDir: cfg });
    expect(errors).toContain(
      'runbooks/foo.yaml: steps[0].action: expected one of restart, delete, exec, create-backup, annotate, renew, wait, logs, check, acme-check, backup-status, pitr, unseal, unseal-reset, kv-put, pg-connections, pg-terminate, brain-check',
    );
    expect(errors).toContain('runbooks/bar.yaml: steps[0].pod: required for exec');
    expect(errors.some((e) => e.startsWith('runbooks/broken.yaml: not valid YAML'))).toBe(true);
    const good = runbooks.find((r) => r.id === 'drain-and-backup');
    expect(good).toMatchObject({ source: 'runbooks/good.yaml', tier: 'change' });
    expect(runbooks.filter((r) => r.source === 'builtin').length).toBe(BUILTIN_RUNBOOKS.length);
  });

  it('links the emergency table to existing runbooks (the unseal runbook comes with the OpenBao module)', () => {
    expect(EMERGENCY_TABLE.map((e) => e.situation)).toEqual([
      'Server unreachable',
      'OpenBao sealed',
      'Database down',
      'All apps 502',
      'Email not sending',
      'Sol☀️ unresponsive',
      'Certs expired',
    ]);
    const rows = emergencyRows(builtinRunbooks());
    expect(rows.flatMap((r) => r.missing)).toEqual([]);
    expect(rows.find((r) => r.situation === 'OpenBao sealed')!.runbooks.map((r) => r.id)).toEqual(['vault-unseal']);
    expect(rows.find((r) => r.situation === 'Database down')!.runbooks.map((r) => r.id)).toEqual(['postgres-operator-logs', 'restart-postgres']);
  });

  it('has one file per step kind, each in the union (a new kind is one file and one entry)', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'runbooks', 'steps');
    const files = readdirSync(dir).filter((n) => n.endsWith('.ts') && !['index.ts', 'types.ts', 'fields.ts'].includes(n)).map((n) => n.replace(/\.ts$/, ''));
    const kinds = (StepSchema as unknown as { options: { shape: { action: { value: string } } }[] }).options.map((o) => o.shape.action.value);
    expect([...kinds].sort()).toEqual([...files].sort());
  });

  it("keeps each kind's own sentences: required fields, delete's kind, unknown fields, a missing action", () => {
    const errs = (steps: unknown[]) => {
      const r = validateRunbook({ id: 'x', title: 'x', steps }, 'runbooks/x.yaml');
      return r.ok ? [] : r.errors;
    };
    expect(errs([{ action: 'delete', target: 'ingress/pingora-tls' }])).toEqual(['runbooks/x.yaml: steps[0].kind: delete only takes kind: certificate']);
    expect(errs([{ action: 'delete', target: 'ingress/pingora-tls', kind: 'deployment' }])).toEqual(['runbooks/x.yaml: steps[0].kind: delete only takes kind: certificate']);
    expect(errs([{ action: 'annotate', target: 'a/b' }])).toEqual([
      'runbooks/x.yaml: steps[0].kind: required for annotate',
      'runbooks/x.yaml: steps[0].key: required for annotate',
      'runbooks/x.yaml: steps[0].value: required for annotate',
    ]);
    expect(errs([{ action: 'annotate', target: 'a/b', kind: 'pod', key: 'k', value: 'v' }])).toEqual([
      'runbooks/x.yaml: steps[0].kind: expected one of certificate, deployment, statefulset, daemonset, cluster',
    ]);
    expect(errs([{ action: 'wait', target: 'a/b', condition: 'done' }])).toEqual([
      'runbooks/x.yaml: steps[0].condition: expected one of rollout-complete, certificate-ready, cluster-healthy, backup-completed',
    ]);
    expect(errs([{ action: 'pitr', target: 'data/postgres' }])).toEqual(['runbooks/x.yaml: steps[0].targetTime: required for pitr']);
    expect(errs([{ action: 'restart', target: 'a/b', bogus: 1 }])).toEqual(['runbooks/x.yaml: steps[0]: unknown field(s) bogus']);
    expect(errs([{ target: 'a/b' }])).toEqual([
      'runbooks/x.yaml: steps[0].action: expected one of restart, delete, exec, create-backup, annotate, renew, wait, logs, check, acme-check, backup-status, pitr, unseal, unseal-reset, kv-put, pg-connections, pg-terminate, brain-check',
    ]);
    expect(errs([{ action: 'backup-status' }])).toEqual([]);
  });
});
