// The one age formatter, with kubectl's rules (k8s.io/apimachinery/pkg/util/duration.HumanDuration, the AGE
// column of `kubectl get`): Status, Check, the findings' text and the one-shot reports all read ages through
// it, so the same age reads the same everywhere ("150m", never "150m" here and "2h" there).

/**
 * A duration as kubectl prints it: 45s, 119s, 2m, 5m30s, 60m, 179m, 3h, 5h20m, 10h, 47h, 2d, 5d3h, 7d23h, 8d,
 * 729d, 2y, 3y120d, 8y. Unknown (not finite) reads '?'. kubectl prints "<invalid>" for a time more than a
 * second in the future; the console clamps to "0s" instead, because its clock ticks every 10 s and a record
 * written since the last tick is always a little "in the future".
 */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const seconds = Math.max(0, Math.trunc(ms / 1000));
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** ms since an ISO time; Infinity when unknown (treated as "long ago"). */
export function ageMs(iso: string | undefined, now: number): number {
  if (!iso) return Infinity;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Infinity : now - t;
}

/** The AGE column of a record created at `iso`; '' when the time is missing or not a time. */
export function formatAge(iso: string | undefined, now: number): string {
  const ms = ageMs(iso, now);
  return Number.isFinite(ms) ? humanDuration(ms) : '';
}
