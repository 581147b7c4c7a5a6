// The COE draft, in the playbook's exact format, filled from the incident journal:
//
//   # COE-YYYY-NNN: Brief Title / **Date:** / **Duration:** / **Severity:** / **Author:** /
//   ## Summary / ## Timeline / ## Root Cause / ## Resolution / ## Lessons Learned / ## Action Items (- [ ] ...)
//
// Numbered after the existing COEs of the same year in the target directory; never overwrites a file.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionEndEntry, JournalEntry, RungEntry } from './journal.js';
import { incidentEntries, lastIncident, timelineRow } from './timeline.js';

export const COE_HEADINGS = ['## Summary', '## Timeline', '## Root Cause', '## Resolution', '## Lessons Learned', '## Action Items'] as const;

export interface CoeOptions {
  journalEntries: JournalEntry[];
  outDir?: string;
  now?: number | Date;
  author: string;
  /** Overrides the derived title. */
  title?: string;
  /** Which incident; default the last one in the journal (or every entry when there is none). */
  incident?: string;
}

export interface CoeDraft {
  id: string;
  path: string;
  content: string;
}

export function slugify(title: string): string {
  const s = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'incident';
}

/** The next free COE number of `year` in `dir` (001 when there is none). */
export function nextCoeNumber(dir: string, year: number): number {
  let max = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return 1;
  }
  const re = new RegExp(`^COE-${year}-(\\d{3,})(?:-.*)?\\.md$`);
  for (const n of names) {
    const m = re.exec(n);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

function stamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function formatDuration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 1) return 'under a minute';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function selectEntries(entries: JournalEntry[], incident: string | undefined): JournalEntry[] {
  const id = incident ?? lastIncident(entries);
  if (!id) return [...entries];
  return incidentEntries(entries, id);
}

const P1_WORDS = /(openbao|vault|sealed|postgres|database|\bdb\b|502|pingora|linkerd)/i;

/** A guess, labelled as such: P1 when OpenBao or the database was down or everything answered 502. */
export function guessSeverity(entries: JournalEntry[]): { level: 'P1' | 'P2' | 'P3'; why: string } {
  const red = entries.filter((e): e is RungEntry => e.kind === 'rung' && e.to === 'failing');
  const p1 = red.find((e) => e.rung === 4 || e.rung === 5 || P1_WORDS.test(`${e.summary} ${e.rootCause ?? ''}`));
  if (p1) return { level: 'P1', why: `${p1.title} was failing (${p1.rootCause ?? p1.summary})` };
  const critical = entries.find(
    (e) => e.kind === 'action-end' && e.outcome === 'succeeded' && !e.dryRun && /restart/i.test(e.action + e.title) && P1_WORDS.test(e.target),
  );
  if (critical && critical.kind === 'action-end') return { level: 'P1', why: `${critical.target} had to be restarted` };
  if (red.length > 0) return { level: 'P2', why: `${red[0]!.title} was failing (${red[0]!.summary})` };
  const failed = entries.find((e) => e.kind === 'action-end' && e.outcome === 'failed');
  if (failed) return { level: 'P2', why: 'an action failed' };
  return { level: 'P3', why: 'no rung went red' };
}

function deriveTitle(entries: JournalEntry[]): string {
  const red = entries.find((e): e is RungEntry => e.kind === 'rung' && e.to === 'failing');
  if (red?.rootCause) return red.rootCause;
  if (red) return `${red.title} failing: ${red.summary}`;
  const act = entries.find((e) => e.kind === 'action-start');
  if (act && act.kind === 'action-start') return act.title;
  return 'Incident';
}

/** The COE text for the given entries (pure). */
export function renderCoe(o: { id: string; entries: JournalEntry[]; author: string; title: string; now: Date }): string {
  const { entries } = o;
  const first = entries[0]?.at ?? o.now.toISOString();
  const ended = entries.find((e) => e.kind === 'incident-end');
  const last = ended?.at ?? entries[entries.length - 1]?.at ?? first;
  const durationMs = Date.parse(last) - Date.parse(first);
  const sev = guessSeverity(entries);
  const red = entries.filter((e): e is RungEntry => e.kind === 'rung' && e.to === 'failing');
  const ends = entries.filter((e): e is ActionEndEntry => e.kind === 'action-end');
  const good = ends.filter((e) => e.outcome === 'succeeded' && !e.dryRun && e.tier !== 'read');
  const bad = ends.filter((e) => e.outcome === 'failed');
  const incidentId = entries.find((e) => e.incident)?.incident;

  const summaryParts = [
    `Draft written by sunbeam-console from the incident journal${incidentId ? ` (${incidentId})` : ''}; review and edit before publishing.`,
    `Between ${stamp(first)} and ${stamp(last)}${ended ? '' : ' (still open at export)'}`,
    red.length ? `the ladder showed ${[...new Set(red.map((r) => r.title))].join(', ')} failing` : 'no rung of the ladder went red',
  ];
  const summary = `${summaryParts[0]} ${summaryParts[1]} ${summaryParts[2]}; ${good.length} action(s) succeeded${bad.length ? `, ${bad.length} failed` : ''}.${good.length ? ` Resolved by: ${good.map((g) => g.title).join('; ')}.` : ''}`;

  const timeline = entries.length ? entries.map((e) => `- ${stamp(e.at)} — ${timelineRow(e).text}`) : ['- No journal entries.'];
  const rootCause = red.find((r) => r.rootCause)?.rootCause;
  const rootText = rootCause
    ? `Draft: the console's first root cause was "${rootCause}". Confirm the underlying cause (not the symptom) and explain it here.`
    : red.length
      ? `Draft: first failing rung was ${red[0]!.title} (${red[0]!.summary}). Confirm the underlying cause (not the symptom) and explain it here.`
      : 'Draft: no root cause was recorded by the console; explain what actually went wrong.';
  const resolution = good.length
    ? good.map((g) => `- ${stamp(g.at)} — ${g.title}: ${g.message}`)
    : ['No action through the console succeeded; describe what fixed it.'];
  const items = [
    ...[...new Set(red.map((r) => `- [ ] Find why ${r.title} failed (${r.summary}) and prevent a repeat — owner: ${o.author}`))],
    ...bad.map((b) => `- [ ] Investigate why "${b.title}" failed (${b.message}) — owner: ${o.author}`),
    `- [ ] Review this draft, confirm severity ${sev.level} and the root cause — owner: ${o.author}`,
  ];

  return [
    `# ${o.id}: ${o.title}`,
    `**Date:** ${first.slice(0, 10)}`,
    `**Duration:** ${formatDuration(durationMs)}${ended ? '' : ' (ongoing at export)'}`,
    `**Severity:** ${sev.level} (draft guess: ${sev.why}; confirm)`,
    `**Author:** ${o.author}`,
    '## Summary',
    summary,
    '## Timeline',
    ...timeline,
    '## Root Cause',
    rootText,
    '## Resolution',
    ...resolution,
    '## Lessons Learned',
    'Draft: what will we do differently so that this does not break the same way twice?',
    '## Action Items',
    ...items,
    '',
  ].join('\n');
}

/** Writes the COE draft as `COE-YYYY-NNN-<slug>.md` in outDir; never overwrites. */
export function exportCoe(opts: CoeOptions): CoeDraft {
  const outDir = opts.outDir ?? 'docs/ops/';
  const now = opts.now instanceof Date ? opts.now : new Date(opts.now ?? Date.now());
  const entries = selectEntries(opts.journalEntries, opts.incident);
  const title = (opts.title ?? deriveTitle(entries)).replace(/\s+/g, ' ').trim();
  const year = now.getUTCFullYear();
  mkdirSync(outDir, { recursive: true });
  let n = nextCoeNumber(outDir, year);
  for (let attempt = 0; attempt < 50; attempt++, n++) {
    const id = `COE-${year}-${String(n).padStart(3, '0')}`;
    const path = join(outDir, `${id}-${slugify(title)}.md`);
    const content = renderCoe({ id, entries, author: opts.author, title, now });
    try {
      writeFileSync(path, content, { flag: 'wx' });
      return { id, path, content };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`Could not find a free COE number in ${outDir}.`);
}
