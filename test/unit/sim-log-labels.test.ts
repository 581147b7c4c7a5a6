// The Loki labels of the Box's log lines: the level read from each program's own format (with the very lines
// src/sim/box/logs writes), the app of a pod, and the unique nanosecond timestamps of one container's lines.
import { describe, expect, it } from 'vitest';
import type { ContainerKind } from '../../src/sim/box/catalog.js';
import { crashLines, readyLines, sealLines, startupLines } from '../../src/sim/box/logs/lifecycle.js';
import { appOf, levelOfLine, lokiLabels } from '../../src/sim/box/logs/labels.js';
import { type LineEnv, normalLines } from '../../src/sim/box/logs/lines.js';
import { Stamper, epochNs } from '../../src/sim/box/logs/stamp.js';
import { World } from '../../src/sim/box/world.js';
import { rfc3339Nano } from '../../src/sim/k8s/logs.js';

const T = new Date('2026-12-02T01:02:03.456Z');
const up = { postgres: true, vault: true, seaweedfs: true, linkerd: true };
const down = { postgres: false, vault: false, seaweedfs: false, linkerd: false };
const env = (kind: string, deps = up, world = new World('healthy')): LineEnv => ({ ns: 'x', pod: `${kind}-0`, world, deps, n: {} });
const levels = (texts: string[]) => texts.map(levelOfLine);

describe('level from the line itself', () => {
  it('reads each format of the Box: JSON, logfmt, klog/glog, PostgreSQL, OpenBao, Python, Rust, Gitea', () => {
    expect(levels(crashLines('sol', 'mistral', T))).toEqual(['error', 'error', 'error']); // JSON error, error, critical
    expect(levels(startupLines('sol', T))).toEqual(Array(startupLines('sol', T).length).fill('info'));
    expect(levels(crashLines('postgres', 'postgres-self', T))).toEqual(['info', 'error', 'info', 'info', 'info']); // LOG, FATAL
    expect(levels(crashLines('gitea', 'postgres', T))).toEqual(['error', 'error']); // [E], [F]
    expect(levels(crashLines('synapse', 'postgres', T))).toEqual(['error', 'error']); // " - ERROR - "
    expect(levels(crashLines('seaweed-volume', 'seaweedfs', T))).toEqual(['error', 'error']); // glog E, F
    expect(levels(crashLines('linkerd-destination', 'linkerd-destination', T))).toEqual(['error', 'error']); // logfmt error, fatal
    expect(levels(startupLines('openbao', T)).slice(-3)).toEqual(['info', 'warn', 'info']); // [INFO] [WARN] [INFO]
    expect(levels(sealLines(T))).toEqual(['info', 'info', 'info']);
    expect(levels(readyLines('postgres', T, 'replica'))).toEqual(['info', 'info', 'info', 'info']);
    expect(levelOfLine(normalLines('barman', env('barman', down), T)[0]!)).toBe('error'); // "barman.server ERROR:"
    expect(levelOfLine(normalLines('barman', env('barman'), T)[0]!)).toBe('info');
    expect(levelOfLine(normalLines('cnpg', env('cnpg', down), T)[0]!)).toBe('error'); // JSON level error
    expect(levelOfLine(normalLines('vso', env('vso', down), T)[0]!)).toBe('error');
    expect(levelOfLine(normalLines('seaweed-filer', env('seaweed-filer', down), T)[0]!)).toBe('error'); // glog E
    expect(levelOfLine(normalLines('cert-manager', env('cert-manager'), T)[0]!)).toBe('info'); // klog I
    expect(levelOfLine(normalLines('prometheus', env('prometheus'), T)[0]!)).toBe('info'); // logfmt
    expect(levelOfLine(normalLines('alertmanager', env('alertmanager'), T)[0]!)).toBe('debug');
    expect(levelOfLine(normalLines('drive', env('drive', down), T)[0]!)).toBe('error');
    expect(levelOfLine(normalLines('coredns', env('coredns'), T)[0]!)).toBe('info'); // [INFO]
    expect(levelOfLine(normalLines('postfix', env('postfix'), T)[0]!)).toBe('info'); // syslog: no level
  });

  it('the receiver with a revoked Matrix token logs an error (logfmt level=ERROR)', () => {
    const world = new World('healthy');
    world.faults.add('matrix-bot-token');
    const lines = normalLines('receiver' as ContainerKind, env('receiver', up, world), T);
    expect(levels(lines)).toEqual(['info', 'error']);
    expect(levelOfLine('time=2026-12-02T01:02:03.456Z level=INFO msg="received alerts"')).toBe('info');
    expect(levelOfLine('2026-12-02T01:02:03.456Z WARN pingora_core::listeners::tls: TLS handshake failed')).toBe('warn');
  });
});

describe('labels of a line', () => {
  it('app is the pod label, else the workload', () => {
    expect(appOf('sol-7d9f8b6c4-x2k9p', { app: 'sol', 'pod-template-hash': '7d9f8b6c4' })).toBe('sol');
    expect(appOf('postgres-1', { 'cnpg.io/cluster': 'postgres', role: 'primary' })).toBe('postgres');
    expect(appOf('web-5f7c9d8b6-abcde', { 'pod-template-hash': '5f7c9d8b6' })).toBe('web');
    expect(appOf('openbao-2', {})).toBe('openbao');
    expect(lokiLabels({ namespace: 'matrix', pod: 'sol-7d9f8b6c4-x2k9p', container: 'sol', labels: { app: 'sol' } }, crashLines('sol', 'mistral', T)[0]!)).toEqual({
      app: 'sol', container: 'sol', level: 'error', namespace: 'matrix', pod: 'sol-7d9f8b6c4-x2k9p', service_name: 'sol',
    });
  });
});

describe('timestamps of one container', () => {
  it('are unique and strictly increasing, with nanosecond digits, even for many lines in one millisecond', () => {
    const s = new Stamper();
    const lines = Array.from({ length: 20_000 }, (_, i) => s.line(T.getTime() + Math.floor(i / 5000), `l${i}`));
    const stamps = lines.map(epochNs);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps.every((x) => x.length === 19)).toBe(true);
    // a clock that goes back does not make a line older than the one before
    expect(epochNs(s.line(T.getTime() - 5000, 'late')) > stamps.at(-1)!).toBe(true);
  });

  it('print as the kubelet prints them: RFC3339 with nine digits at most, trailing zeros dropped', () => {
    expect(rfc3339Nano(T, 123_456)).toBe('2026-12-02T01:02:03.456123456Z');
    expect(rfc3339Nano(T, 100_000)).toBe('2026-12-02T01:02:03.4561Z');
    expect(rfc3339Nano(new Date('2026-12-02T01:02:03.000Z'), 0)).toBe('2026-12-02T01:02:03Z');
  });
});
