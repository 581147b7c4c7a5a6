// The amtool command lines equivalent to the console's silence writes, exactly as amtool 0.25+ takes them (for
// the confirmation dialog, the one-shots' plan and the journal): `amtool --alertmanager.url=URL silence add
// 'alertname="X"' --duration=1h --comment='...' [--author=NAME]` and `amtool --alertmanager.url=URL silence
// expire ID`. Matchers are written back with formatMatcher (amtool parses them with the same grammar). Pure.
import { formatMatcher } from '../../alerts/matchers.js';
import type { SilenceMatcher } from '../../store/alerts-slice.js';

/** Quotes a word for POSIX shells only when it needs it. */
function sh(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

export function amtoolSilenceAdd(url: string, matchers: readonly SilenceMatcher[], duration: string, comment: string, author?: string): string {
  const words = ['amtool', `--alertmanager.url=${sh(url)}`, 'silence', 'add', ...matchers.map((m) => sh(formatMatcher(m))), `--duration=${sh(duration)}`, `--comment=${sh(comment)}`];
  if (author) words.push(`--author=${sh(author)}`);
  return words.join(' ');
}

export function amtoolSilenceExpire(url: string, id: string): string {
  return `amtool --alertmanager.url=${sh(url)} silence expire ${sh(id)}`;
}
