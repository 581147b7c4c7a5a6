// The error bursts the simulated Loki shows for the playbook's incidents: the crash-looping containers'
// seeded runs (with their times) and live crashes land as level=error lines of the right app, several a
// minute over the last quarter of an hour; and the rate knob's input checks.
import { describe, expect, it } from 'vitest';
import { streamsSince } from '../../src/sim/servers/loki/source.js';
import { boot } from './sim-box-helpers.js';

function errorsPerApp(scenario: string): Map<string, number[]> {
  const { box, clock } = boot(scenario);
  const now = clock.now();
  const out = new Map<string, number[]>();
  for (const s of streamsSince(box.logs, now - 15 * 60_000)) {
    if (s.labels.level !== 'error') continue;
    const times = out.get(s.labels.app!) ?? [];
    for (const e of s.entries) times.push(Number(e.ns.slice(0, -6)));
    out.set(s.labels.app!, times);
  }
  return out;
}

describe('error bursts in Loki', () => {
  const cases: [string, string][] = [['sol-crashloop', 'sol'], ['postgres-down', 'messages'], ['vault-sealed', 'messages']];
  for (const [scenario, app] of cases) {
    it(`${scenario}: ${app} writes level=error lines all through the last 15 minutes`, () => {
      const times = errorsPerApp(scenario).get(app) ?? [];
      expect(times.length).toBeGreaterThanOrEqual(30);
      const now = Math.max(...times);
      // several a minute in each of the last five minutes, not one clump
      for (let m = 0; m < 5; m++) expect(times.filter((t) => t <= now - m * 60_000 && t > now - (m + 1) * 60_000).length).toBeGreaterThanOrEqual(3);
    });
  }

  it('a healthy Box has no such burst', () => {
    const perApp = errorsPerApp('healthy');
    expect(Math.max(0, ...[...perApp.values()].map((t) => t.length))).toBeLessThan(5);
  });

  it('the rate knob refuses a malformed target or rate in one sentence', () => {
    const { box } = boot('healthy');
    expect(() => box.logs.setRate('sol', 10)).toThrow('A log rate target is NAMESPACE/APP (for example matrix/sol), not "sol".');
    expect(() => box.logs.setRate('matrix/sol', -1)).toThrow('A log rate is a number of lines per second, 0 or more, not -1.');
  });
});
