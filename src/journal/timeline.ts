// Journal entries -> chronological display rows (time, kind, text). Pure.
import type { JournalEntry } from './journal.js';

export type TimelineKind = 'incident' | 'rung' | 'action' | 'result' | 'note';

export interface TimelineRow {
  /** ISO time of the entry. */
  at: string;
  /** "HH:MM:SS" UTC, for narrow panes. */
  time: string;
  kind: TimelineKind;
  text: string;
  /** ok/warn/failing colouring hint for the UI. */
  level: 'ok' | 'warn' | 'failing' | 'info';
  incident?: string;
}

function secs(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function timelineRow(e: JournalEntry): TimelineRow {
  const base = { at: e.at, time: e.at.slice(11, 19), incident: e.incident };
  switch (e.kind) {
    case 'incident-start':
      return { ...base, kind: 'incident', level: 'failing', text: `Incident ${e.incident} opened: ${e.reason}` };
    case 'incident-end':
      return { ...base, kind: 'incident', level: 'ok', text: `Incident ${e.incident} closed: ${e.reason}` };
    case 'rung': {
      const level = e.to === 'failing' ? 'failing' : e.to === 'warn' ? 'warn' : e.to === 'ok' ? 'ok' : 'info';
      const what = e.to === 'failing' ? 'went red' : e.to === 'ok' ? 'went green' : `is ${e.to}`;
      return { ...base, kind: 'rung', level, text: `${e.rung} ${e.title} ${what}: ${e.summary}${e.rootCause ? ` (root cause: ${e.rootCause})` : ''}` };
    }
    case 'action-start':
      return {
        ...base,
        kind: 'action',
        level: 'info',
        text: `${e.who} ${e.dryRun ? 'dry-ran' : 'started'} ${e.title} [${e.tier}]${e.commands[0] ? `: ${e.commands.join('; ')}` : ''}`,
      };
    case 'action-end': {
      const level = e.outcome === 'succeeded' || e.outcome === 'dry-run' ? 'ok' : e.outcome === 'cancelled' ? 'warn' : 'failing';
      return { ...base, kind: 'result', level, text: `${e.title} ${e.outcome} after ${secs(e.durationMs)}: ${e.message}` };
    }
    case 'note':
      return { ...base, kind: 'note', level: 'info', text: `Note (${e.who}): ${e.text}` };
  }
}

/**
 * One incident's entries: those written while it was open, and the end of every action started in it (a
 * journal written before incidents waited for their actions may hold that end just after the incident-end).
 */
export function incidentEntries(entries: readonly JournalEntry[], id: string): JournalEntry[] {
  const runs = new Set<string>();
  for (const e of entries) if (e.kind === 'action-start' && e.incident === id) runs.add(e.run);
  return entries.filter((e) => e.incident === id || (e.kind === 'action-end' && runs.has(e.run)));
}

/** Chronological rows; optionally only one incident's. */
export function toTimeline(entries: JournalEntry[], opts: { incident?: string } = {}): TimelineRow[] {
  const list = opts.incident ? incidentEntries(entries, opts.incident) : entries;
  return [...list].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map(timelineRow);
}

/** The id of the last incident in the journal (open or closed), if any. */
export function lastIncident(entries: JournalEntry[]): string | undefined {
  let id: string | undefined;
  for (const e of entries) if (e.kind === 'incident-start') id = e.incident;
  return id;
}
