// A duration as the tools it stands beside read one: Go's time.ParseDuration units (kubectl's and stern's
// --since, logcli's --since) plus logcli's d: 1h, 15m, 90s, 1h30m, 1.5h, 2d. Used by `logs --since`, `mon loki
// logs --since` and the config's logs.errorsWindow.

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as 1h, 15m, 90s, 1h30m or 2d, in ms; undefined when it is not one (or not above 0). */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d))+$/.test(t)) return undefined;
  let ms = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms > 0 ? ms : undefined;
}

