// The silence dialog's data: the matchers an alert suggests, the fields, and the one sentence for bad values.
import { describe, expect, it } from 'vitest';
import { goDuration, silenceAddAction } from '../../src/actions/primitives/silence.js';
import { parseSilenceValues, silenceMatchersFor, silenceParams } from '../../src/console/alert-keys.js';
import { alert } from '../screens/alerts-fixtures.js';

const now = Date.parse('2026-12-02T02:10:00Z');
const pg = alert({ labels: { alertname: 'PostgresDown', severity: 'critical', namespace: 'data', pod: 'postgres-1', instance: '10.0.0.11:9187', endpoint: 'metrics', prometheus: 'monitoring/k8s', container: 'postgres' } }, now);

describe('the silence dialog', () => {
  it("keeps alertname, namespace and pod/service/job/instance, not the volatile labels", () => {
    expect(silenceMatchersFor(pg).map((m) => m.name)).toEqual(['alertname', 'namespace', 'pod', 'instance']);
    const [matchers, duration, comment] = silenceParams(pg);
    expect(matchers!.initial).toBe('alertname="PostgresDown" namespace="data" pod="postgres-1" instance="10.0.0.11:9187"');
    expect(duration!.initial).toBe('1h');
    expect(comment!.initial).toBeUndefined();
  });

  it('parses the fields, and refuses bad ones in one sentence', () => {
    const ok = parseSilenceValues({ matchers: 'alertname="PostgresDown" namespace=~"data|cnpg-system"', duration: '2h30m', comment: ' restore, OPS-7 ' });
    expect(ok.durationMs).toBe(9_000_000);
    expect(ok.comment).toBe('restore, OPS-7');
    expect(ok.matchers[1]).toEqual({ name: 'namespace', value: 'data|cnpg-system', isRegex: true, isEqual: true });
    expect(() => parseSilenceValues({ matchers: 'alertname="X', duration: '1h', comment: 'c' })).toThrow(/not closed\. Nothing was silenced\.$/);
    expect(() => parseSilenceValues({ matchers: 'foo=~".*"', duration: '1h', comment: 'c' })).toThrow(/match every alert/);
    expect(() => parseSilenceValues({ matchers: 'a=b', duration: 'later', comment: 'c' })).toThrow('"later" is not a duration; write 1h, 30m, 2h30m or 1d. Nothing was silenced.');
    expect(() => parseSilenceValues({ matchers: 'a=b', duration: '1h', comment: '  ' })).toThrow(/needs a comment/);
  });

  it('the action is a journaled change whose equivalent is the amtool command as typed', () => {
    const a = silenceAddAction({ url: 'http://am:9093', matchers: silenceMatchersFor(pg).slice(0, 2), durationMs: 3_600_000, comment: "it's known", author: 'alice', preview: [pg] });
    expect(a.tier).toBe('change');
    expect(a.confirmation).toEqual({ kind: 'yes-no', default: 'no' });
    expect(a.steps[0]!.calls[0]!.equivalent.command).toBe(`amtool silence add --alertmanager.url=http://am:9093 --author=alice --duration=1h --comment='it'\\''s known' 'alertname="PostgresDown"' 'namespace="data"'`);
    expect(a.detail).toBe('It would silence, now:\n  critical PostgresDown data/postgres-1 (active)');
    expect([goDuration(5_400_000), goDuration(90_000), goDuration(86_400_000)]).toEqual(['1h30m', '1m30s', '24h']);
  });
});
