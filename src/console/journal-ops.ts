// The console's journal operations: a note, the timeline's rows and the COE draft (into ctx.coeDir, which
// src/journal/coe-dir.ts chose: a demo's beside its journal). Each write bumps the store's journal slice so that
// an open timeline re-reads.
import { homedir } from 'node:os';
import { sep } from 'node:path';
import { exportCoe } from '../journal/coe.js';
import { toTimeline, type TimelineRow } from '../journal/timeline.js';
import type { ConsoleContext } from './types.js';

/** Adds a note; returns the sentence for the flash line (throws when the journal cannot be written). */
export function addNote(ctx: ConsoleContext, text: string): string {
  const t = text.trim();
  if (!t) return 'An empty note was not added.';
  ctx.journal.addNote(t);
  ctx.store.getState().actions.journalWritten();
  return 'Note added to the journal (t shows the timeline).';
}

export function timelineRows(ctx: ConsoleContext): TimelineRow[] {
  return toTimeline(ctx.journal.read().entries);
}

/** One timeline row as the timeline shows it: 'MM-DD HH:MM:SS  text'. */
export function timelineText(r: TimelineRow): string {
  return `${r.at.slice(5, 10)} ${r.time}  ${r.text}`;
}

/** `~/...` for a path under the home directory, so that more of it fits on the flash line. */
function tilde(path: string): string {
  const home = homedir();
  return home && home !== sep && path.startsWith(home + sep) ? `~${path.slice(home.length)}` : path;
}

/** Writes the COE draft; returns the sentence saying where it went, or throws with one sentence. */
export function exportCoeDraft(ctx: ConsoleContext): string {
  const entries = ctx.journal.read().entries;
  if (entries.length === 0) throw new Error('The journal is empty, so there is nothing to write up yet.');
  const { path } = exportCoe({ journalEntries: entries, outDir: ctx.coeDir, author: ctx.user ?? ctx.journal.user });
  return `Wrote the COE draft ${tilde(path)}`;
}
