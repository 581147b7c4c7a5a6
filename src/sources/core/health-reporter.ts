// A source's health in the store (ok / connecting / degraded / unreachable / unauthorized / forbidden /
// timeout, last success, last error, detail), written only when it changed: lastSuccess moves on every read,
// so on its own it is written only when asked (`fresh`, a heartbeat), and a flush of records stays one store
// write, not two.
import type { SourceHealth } from '../../store/records.js';

export interface HealthReporter {
  /** Notes a successful read (lastSuccess = at); written with the next publish that writes. */
  succeeded(at?: number): void;
  /**
   * Writes this health, with the reporter's lastSuccess unless it carries its own, when its state, lastError
   * or detail changed, or lastSuccess appeared or went; `fresh` writes it anyway (a moved lastSuccess).
   */
  publish(health: SourceHealth, fresh?: boolean): void;
  /** The health last written (connecting before the first). */
  current(): SourceHealth;
  /** No writes afterwards. */
  stop(): void;
}

function sameHealth(a: SourceHealth | undefined, b: SourceHealth): boolean {
  return !!a && a.state === b.state && a.lastError === b.lastError && a.detail === b.detail && (a.lastSuccess === undefined) === (b.lastSuccess === undefined);
}

export function createHealthReporter(write: (health: SourceHealth) => void, now: () => number = Date.now): HealthReporter {
  let last: SourceHealth | undefined;
  let lastSuccess: number | undefined;
  let stopped = false;
  return {
    succeeded(at = now()) {
      lastSuccess = at;
    },
    publish(health, fresh = false) {
      if (stopped) return;
      const h = health.lastSuccess === undefined && lastSuccess !== undefined ? { ...health, lastSuccess } : health;
      if (!fresh && sameHealth(last, h)) return;
      last = h;
      write(h);
    },
    current: () => last ?? { state: 'connecting' },
    stop() {
      stopped = true;
    },
  };
}
