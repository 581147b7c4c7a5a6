// Advice names only commands this program has: every finding's text (all rules, evaluated for every simulator
// scenario and for a Box where every rule fires), every rung's command, every built-in runbook's text, the
// console commands' help and the emergency table. `sunbeam-console VERB` must be a verb of src/cli/main.ts, a
// bare `sunbeam VERB` (the playbook's program, which does not exist here) is never advice, and a `:command`
// must be one the console's command line knows. A runbook's `playbook` field is its provenance, the playbook's
// own words quoted (never shown as advice), so it alone may quote the playbook's `sunbeam ...` commands.
import { describe, expect, it } from 'vitest';
import { CLI_VERBS } from '../../src/cli/main.js';
import { unknownCommands } from '../helpers/command-names.js';
import { takeSnapshot } from '../../src/cli/kube-snapshot.js';
import { COMMANDS } from '../../src/commands/index.js';
import { evaluateFindings } from '../../src/ladder/index.js';
import { RUNG_TABLE } from '../../src/ladder/rung-table.js';
import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin/index.js';
import { EMERGENCY_TABLE } from '../../src/runbooks/emergency.js';
import { SCENARIO_NAMES } from '../../src/sim/box/scenarios.js';
import type { Finding } from '../../src/ladder/index.js';
import { ago, boxState, cert, cluster, crashing, DAY, NOW, workload } from './ladder-helpers.js';

function findingTexts(findings: Finding[]): string[] {
  return findings.flatMap((f) => [f.title, f.detail ?? '', f.because ?? '']);
}

/** Every string in a value, with its path, leaving out the keys given. */
function strings(value: unknown, path: string, skip: ReadonlySet<string>): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`, skip));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (skip.has(k) ? [] : strings(v, `${path}.${k}`, skip)));
  return [];
}

/** A Box on which every rule has something to say. */
function everythingWrong() {
  return boxState({
    pods: [crashing('matrix', 'sol-6f7d8c9b5-ccccc', 'sol')],
    workloads: [workload('Deployment', 'matrix', 'sol', 1, 0)],
    clusters: [
      cluster({ readyInstances: 0, phase: 'Failing over', phaseReason: 'Primary instance is not ready', conditions: { Ready: 'False', ContinuousArchiving: 'False' }, lastFailedBackup: ago(60_000) }),
      cluster({ key: 'data/analytics', name: 'analytics', lastSuccessfulBackup: ago(3 * DAY) }),
    ],
    certs: [
      cert({ ready: 'False', reason: 'Expired', message: 'Certificate expired', notAfter: ago(DAY) }),
      cert({ key: 'ingress/grafana-tls', name: 'grafana-tls', notAfter: new Date(NOW + 2 * DAY).toISOString(), renewalTime: ago(DAY) }),
    ],
    patches: [
      { collection: 'nodes', upsert: [{ name: 'sunbeam-2', ready: false, roles: [], version: 'v1.31.4', created: ago(DAY), pressures: ['DiskPressure'], unschedulable: true }] },
      { collection: 'pvcs', upsert: [{ key: 'storage/data-seaweedfs-volume-0', namespace: 'storage', name: 'data-seaweedfs-volume-0', phase: 'Lost', created: ago(DAY) }] },
      {
        collection: 'events',
        upsert: [{ key: 'matrix/ev1', namespace: 'matrix', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', involvedKind: 'Pod', involvedName: 'sol-6f7d8c9b5-ccccc', count: 5, last: ago(60_000) }],
      },
    ],
  });
}

describe('advice names only commands this program has', () => {
  it('the checker knows the real verbs and catches the playbook ones', () => {
    expect(CLI_VERBS).toEqual(expect.arrayContaining(['status', 'check', 'restart', 'backup', 'cert', 'runbook', 'journal', 'coe', 'help']));
    expect(unknownCommands('restart with: sunbeam-console restart data/postgres (or R here); :logs matrix/sol')).toEqual([]);
    expect(unknownCommands('sunbeam-console vault status')).toEqual([]);
    expect(unknownCommands('sunbeam-console grafana alerts')).toEqual(['sunbeam-console grafana: no such verb']);
    expect(unknownCommands('check its logs (sunbeam logs cert-manager/cert-manager)')).toEqual(["sunbeam logs: the playbook's program, not this one"]);
    expect(unknownCommands('type :frobnicate')).toEqual([':frobnicate: no such console command']);
  });

  it("every finding of every rule, on every simulator scenario and on a Box where every rule fires", async () => {
    const bad: string[] = [];
    const rules = new Set<string>();
    for (const scenario of SCENARIO_NAMES) {
      const snap = await takeSnapshot({ demo: true, scenario });
      try {
        const findings = evaluateFindings(snap.store.getState(), Date.now());
        for (const f of findings) rules.add(f.rule);
        for (const t of findingTexts(findings)) for (const b of unknownCommands(t)) bad.push(`${scenario}: ${b} in "${t}"`);
      } finally {
        await snap.stop();
      }
    }
    const findings = evaluateFindings(everythingWrong(), NOW);
    for (const f of findings) rules.add(f.rule);
    for (const t of findingTexts(findings)) for (const b of unknownCommands(t)) bad.push(`every rule: ${b} in "${t}"`);
    expect(bad).toEqual([]);
    expect([...rules]).toEqual(
      expect.arrayContaining(['pg-cluster-unhealthy', 'pg-wal-archiving', 'pg-backup-failed', 'pg-backup-stale', 'certificate-not-ready', 'certificate-expiring', 'node-not-ready', 'node-pressure', 'node-cordoned']),
    );
  }, 120_000);

  it("every rung's command", () => {
    const bad = RUNG_TABLE.flatMap((r) => unknownCommands(r.command).map((b) => `rung ${r.id}: ${b}`));
    expect(bad).toEqual([]);
  });

  it('every built-in runbook text (the playbook field quotes the playbook), the emergency table and the console commands', () => {
    const texts: [string, string][] = [
      ...BUILTIN_RUNBOOKS.flatMap((rb) => strings(rb, rb.id, new Set(['playbook']))),
      ...EMERGENCY_TABLE.flatMap((e) => strings(e, `emergency ${e.situation}`, new Set())),
      ...COMMANDS.flatMap((c) => [[`:${c.name} usage`, c.usage] as [string, string], [`:${c.name} help`, c.help] as [string, string]]),
    ];
    const bad = texts.flatMap(([where, t]) => unknownCommands(t).map((b) => `${where}: ${b}`));
    expect(bad).toEqual([]);
  });
});
