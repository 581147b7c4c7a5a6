// Pure helpers of the simulated API server: JSONPath for printer columns, kubectl's duration and pod STATUS
// rules, strategic merge patch directives, selectors.
import { describe, expect, it } from 'vitest';
import { jsonPath } from '../../src/sim/k8s/jsonpath.js';
import { applyMergePatch, applyStrategicMerge } from '../../src/sim/k8s/patch.js';
import { humanDuration, podReason } from '../../src/sim/k8s/printers.js';
import { parseLabelSelector } from '../../src/sim/k8s/selectors.js';
import { rfc3339Nano } from '../../src/sim/k8s/logs.js';

describe('jsonPath', () => {
  const cert = { status: { conditions: [{ type: 'Issuing', status: 'False' }, { type: 'Ready', status: 'True', message: 'ok' }] }, spec: { dnsNames: ['a', 'b'], n: 2 } };
  it('evaluates fields, indexes, wildcards and filters', () => {
    expect(jsonPath(cert, '.status.conditions[?(@.type=="Ready")].status')).toEqual(['True']);
    expect(jsonPath(cert, '{.status.conditions[?(@.type!="Ready")].type}')).toEqual(['Issuing']);
    expect(jsonPath(cert, '.spec.dnsNames[1]')).toEqual(['b']);
    expect(jsonPath(cert, '.spec.dnsNames[*]')).toEqual(['a', 'b']);
    expect(jsonPath(cert, '.spec.missing.deeper')).toEqual([]);
    expect(jsonPath(cert, '.status.conditions[*].type')).toEqual(['Issuing', 'Ready']);
  });
});

describe('humanDuration (apimachinery)', () => {
  it('matches the Go implementation at its boundaries', () => {
    const s = 1000;
    expect(humanDuration(5 * s)).toBe('5s');
    expect(humanDuration(119 * s)).toBe('119s');
    expect(humanDuration(150 * s)).toBe('2m30s');
    expect(humanDuration(600 * s)).toBe('10m');
    expect(humanDuration(3 * 3600 * s + 5 * 60 * s)).toBe('3h5m');
    expect(humanDuration(30 * 3600 * s)).toBe('30h');
    expect(humanDuration(3 * 86400 * s + 4 * 3600 * s)).toBe('3d4h');
    expect(humanDuration(40 * 86400 * s)).toBe('40d');
    expect(humanDuration(-5 * s)).toBe('<invalid>');
  });
});

describe('podReason (kubectl printPod)', () => {
  const base = (status: any, extra: any = {}) => ({ metadata: { name: 'p', ...extra }, spec: { containers: [{ name: 'a' }, { name: 'b' }], initContainers: [{ name: 'init' }] }, status });
  it('reports init progress, waiting reasons, completion and termination', () => {
    expect(podReason(base({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { running: {} } }] })).reason).toBe('Init:0/1');
    expect(podReason(base({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'CrashLoopBackOff' } }, restartCount: 2 }] }))).toMatchObject({
      reason: 'Init:CrashLoopBackOff',
      restarts: 2,
    });
    const running = {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      containerStatuses: [
        { name: 'a', ready: true, state: { running: {} }, restartCount: 1 },
        { name: 'b', ready: false, state: { waiting: { reason: 'CreateContainerConfigError' } }, restartCount: 0 },
      ],
    };
    expect(podReason(base(running))).toMatchObject({ ready: '1/2', reason: 'CreateContainerConfigError', restarts: 1 });
    expect(podReason(base(running, { deletionTimestamp: '2026-01-01T00:00:00Z' })).reason).toBe('Terminating');
    expect(podReason(base({ phase: 'Running', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137 } } }, { name: 'b', state: { running: {} }, ready: true }] })).reason).toBe('ExitCode:137');
    expect(podReason(base({ phase: 'Failed', reason: 'Evicted' })).reason).toBe('Evicted');
  });
});

describe('patches', () => {
  it('merge patch deletes with null and replaces lists', () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { a: null, b: { c: null, e: 4 }, l: [3] })).toEqual({ b: { d: 3, e: 4 }, l: [3] });
  });

  it('strategic merge merges keyed lists and honours $patch directives', () => {
    const dep = {
      spec: {
        template: {
          metadata: { annotations: { keep: '1', drop: '2' } },
          spec: {
            containers: [{ name: 'app', image: 'a:1', ports: [{ containerPort: 80, name: 'http' }], env: [{ name: 'X', value: '1' }] }],
            volumes: [{ name: 'v1', emptyDir: {} }],
            tolerations: [{ key: 'a' }],
          },
        },
      },
      metadata: { finalizers: ['one'] },
    };
    const out = applyStrategicMerge(dep, {
      metadata: { finalizers: ['two'] },
      spec: {
        template: {
          metadata: { annotations: { drop: null, new: '3' } },
          spec: {
            containers: [{ name: 'app', image: 'a:2', ports: [{ containerPort: 443 }] }, { name: 'sidecar', image: 's:1' }],
            volumes: [{ name: 'v1', $patch: 'delete' }],
            tolerations: [{ key: 'b' }],
          },
        },
      },
    });
    expect(out.metadata.finalizers).toEqual(['one', 'two']);
    expect(out.spec.template.metadata.annotations).toEqual({ keep: '1', new: '3' });
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'app', image: 'a:2', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }], env: [{ name: 'X', value: '1' }] },
      { name: 'sidecar', image: 's:1' },
    ]);
    expect(out.spec.template.spec.volumes).toEqual([]);
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'b' }]);
    expect(applyStrategicMerge({ a: { x: 1 }, b: 1 }, { a: { $patch: 'delete' } })).toEqual({ b: 1 });
    expect(applyStrategicMerge({ a: { x: 1, y: 2 } }, { a: { $patch: 'replace', z: 3 } })).toEqual({ a: { z: 3 } });
  });
});

describe('label selectors', () => {
  it('parses set-based requirements with spaces and commas inside parentheses', () => {
    const m = parseLabelSelector('tier in (web, api),env notin (dev),!legacy,team');
    expect(m({ metadata: { name: 'x', labels: { tier: 'api', env: 'prod', team: 'ops' } } })).toBe(true);
    expect(m({ metadata: { name: 'x', labels: { tier: 'api', env: 'dev', team: 'ops' } } })).toBe(false);
    expect(m({ metadata: { name: 'x', labels: { tier: 'api', team: 'ops', legacy: 'y' } } })).toBe(false);
  });
});

describe('rfc3339Nano', () => {
  it('drops trailing zeros of the fraction as Go does', () => {
    expect(rfc3339Nano(new Date('2026-01-02T03:04:05.120Z'))).toBe('2026-01-02T03:04:05.12Z');
    expect(rfc3339Nano(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05Z');
  });
});
