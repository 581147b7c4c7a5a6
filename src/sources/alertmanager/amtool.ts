// The amtool command lines equivalent to the console's silence writes, exactly as amtool 0.25+ takes them (for
// the confirmation dialog, the one-shots' plan and the journal): `amtool silence add --alertmanager.url=URL
// [--author=NAME] --duration=1h --comment='...' 'alertname="X"'` and `amtool silence expire
// --alertmanager.url=URL ID`. Matchers are written back with formatMatcher (amtool parses them with the same grammar). Pure.
import { formatMatcher } from '../../alerts/matchers.js';
import type { SilenceMatcher } from '../../store/alerts-slice.js';

/** Quotes a word for POSIX shells only when it needs it. */
function sh(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

export function amtoolSilenceAdd(url: string, matchers: readonly SilenceMatcher[], duration: string, comment: string, author?: string): string {
  return ['amtool silence add', `--alertmanager.url=${sh(url)}`, ...(author ? [`--author=${sh(author)}`] : []), `--duration=${sh(duration)}`, `--comment=${sh(comment)}`, ...matchers.map((m) => sh(formatMatcher(m)))].join(' ');
}

export function amtoolSilenceExpire(url: string, id: string): string {
  return `amtool silence expire --alertmanager.url=${sh(url)} ${sh(id)}`;
}
