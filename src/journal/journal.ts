// The incident journal: append-only JSON lines, one file per UTC day, fsync'd after each entry. Holds every
// action (who, when, target, masked params, outcome, duration, dry run or not), ladder rung changes, the
// operator's notes, and incident boundaries.
//
// Incidents, simply: one starts at the first rung that goes red (failing) or the first action above read that
// is not a dry run, when none is open. Unknown is not recovered: it ends only when every rung that failed during
// it is SEEN healthy again (ok or warn, from live data) and nothing is failing, so losing the API (failing ->
// unknown) keeps it open and a blip (failing -> unknown -> failing) stays one incident. An incident does not
// close while an action it started (in this process) is still running or verifying: it closes when that
// action's end is journaled, if the rungs are still healthy then. At the console's first ladder evaluation an
// incident left open by an earlier session closes when its failed rungs are seen healthy.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { maskParams, maskText } from '../actions/mask.js';
import type { Outcome, ParamSpec, Tier } from '../actions/types.js';
import type { LadderResult, RungVerdict, Verdict } from '../ladder/types.js';
import { appendLineDurably } from './append-line.js';
import { journalStateDir } from './paths.js';

interface Base {
  v: 1;
  /** ISO time. */
  at: string;
  /** The OS user. */
  who: string;
  /** The incident open when the entry was written. */
  incident?: string;
}

export interface ActionStartEntry extends Base {
  kind: 'action-start';
  run: string;
  action: string;
  title: string;
  /** "Deployment matrix/sol" */
  target: string;
  tier: Tier;
  params: Record<string, string>;
  dryRun: boolean;
  /** The equivalent commands of its calls (kubectl, cmctl, bao, amtool, psql...), secrets masked. */
  commands: string[];
}

export interface ActionEndEntry extends Base {
  kind: 'action-end';
  run: string;
  action: string;
  title: string;
  target: string;
  tier: Tier;
  outcome: Outcome;
  message: string;
  durationMs: number;
  dryRun: boolean;
}

export interface RungEntry extends Base {
  kind: 'rung';
  rung: number;
  title: string;
  from: Verdict | 'none';
  to: Verdict;
  summary: string;
  rootCause?: string;
}

export interface NoteEntry extends Base {
  kind: 'note';
  text: string;
}

export interface IncidentEntry extends Base {
  kind: 'incident-start' | 'incident-end';
  incident: string;
  reason: string;
}

export type JournalEntry = ActionStartEntry | ActionEndEntry | RungEntry | NoteEntry | IncidentEntry;

export interface JournalRead {
  entries: JournalEntry[];
  /** Lines that could not be parsed (a torn last line after a crash, a hand edit). */
  skipped: number;
  files: string[];
}

const FILE_RE = /^journal-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** Older journals named an action's equivalent commands `kubectl`; they read back as `commands`. */
function upgrade(e: JournalEntry): JournalEntry {
  if (e.kind !== 'action-start' || Array.isArray(e.commands)) return e;
  const { kubectl, ...rest } = e as ActionStartEntry & { kubectl?: unknown };
  return { ...rest, commands: Array.isArray(kubectl) ? kubectl.map(String) : [] };
}

/** Parses a journal file's text; never throws. */
export function parseJournalText(text: string): { entries: JournalEntry[]; skipped: number } {
  const entries: JournalEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const e = JSON.parse(line) as JournalEntry;
      if (e && typeof e === 'object' && typeof e.kind === 'string' && typeof e.at === 'string') entries.push(upgrade(e));
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}

/** Reads every journal file of the directory, oldest first. A missing directory is an empty journal. */
export function readJournal(dir: string = journalStateDir()): JournalRead {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => FILE_RE.test(n)).sort();
  } catch {
    return { entries: [], skipped: 0, files: [] };
  }
  const out: JournalRead = { entries: [], skipped: 0, files: [] };
  for (const n of names) {
    const p = join(dir, n);
    let text = '';
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    const r = parseJournalText(text);
    out.entries.push(...r.entries);
    out.skipped += r.skipped;
    out.files.push(p);
  }
  out.entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return out;
}

export function osUser(): string {
  try {
    return userInfo().username || process.env.USER || 'unknown';
  } catch {
    return process.env.USER || 'unknown';
  }
}

function rungsOf(x: RungVerdict[] | LadderResult | undefined): RungVerdict[] {
  if (!x) return [];
  return Array.isArray(x) ? x : x.rungs;
}

function compactStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export interface JournalOptions {
  dir?: string;
  now?: () => number;
  user?: string;
}

export class Journal {
  readonly dir: string;
  readonly user: string;
  private readonly now: () => number;
  private incident: string | undefined;
  private incidentLoaded = false;
  private seq = 0;
  /** The rungs seen failing during the open incident: it closes when each is seen healthy. */
  private failedRungs = new Set<number>();
  /** Runs of this process's actions that hold the open incident until their end is journaled. */
  private running = new Set<string>();
  /** Why the open incident would have closed but for a running action (closed when the last one ends). */
  private closeWhenDone: string | undefined;
  /** The rungs last seen, to check again when a running action ends. */
  private lastRungs: RungVerdict[] = [];

  constructor(opts: JournalOptions = {}) {
    this.dir = opts.dir ?? journalStateDir();
    this.now = opts.now ?? Date.now;
    this.user = opts.user ?? osUser();
  }

  /** The file entries written at `ms` go to. */
  pathFor(ms: number = this.now()): string {
    return join(this.dir, `journal-${new Date(ms).toISOString().slice(0, 10)}.jsonl`);
  }

  read(): JournalRead {
    return readJournal(this.dir);
  }

  /** The open incident's id, if any (restored from the journal on first use). */
  currentIncident(): string | undefined {
    if (!this.incidentLoaded) {
      this.incidentLoaded = true;
      for (const e of this.read().entries) {
        if (e.kind === 'incident-start') (this.incident = e.incident), this.failedRungs.clear();
        else if (e.kind === 'incident-end' && e.incident === this.incident) (this.incident = undefined), this.failedRungs.clear();
        else if (e.kind === 'rung' && e.to === 'failing' && e.incident && e.incident === this.incident) this.failedRungs.add(e.rung);
      }
    }
    return this.incident;
  }

  private write<E extends JournalEntry>(partial: Omit<E, 'v' | 'at' | 'who' | 'incident'> & { at?: string; incident?: string; who?: string }): E {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const ms = this.now();
    const entry = { v: 1, at: partial.at ?? new Date(ms).toISOString(), who: partial.who ?? this.user, incident: this.currentIncident(), ...partial } as unknown as E;
    if (entry.incident === undefined) delete entry.incident;
    appendLineDurably(this.pathFor(ms), JSON.stringify(entry));
    return entry;
  }

  private startIncident(reason: string): void {
    if (this.currentIncident()) return;
    const id = `INC-${compactStamp(this.now())}`;
    this.incident = id;
    this.write<IncidentEntry>({ kind: 'incident-start', incident: id, reason });
  }

  private endIncident(reason: string): void {
    const id = this.currentIncident();
    if (!id) return;
    this.write<IncidentEntry>({ kind: 'incident-end', incident: id, reason });
    this.incident = undefined;
    this.failedRungs.clear();
    this.closeWhenDone = undefined;
  }

  /** Nothing failing, and every rung that failed during the open incident is seen healthy (ok or warn). */
  private healed(rungs: readonly RungVerdict[]): boolean {
    if (rungs.some((r) => r.verdict === 'failing')) return false;
    const seen = new Map(rungs.map((r) => [r.id, r.verdict]));
    return [...this.failedRungs].every((id) => seen.get(id as RungVerdict['id']) === 'ok' || seen.get(id as RungVerdict['id']) === 'warn');
  }

  /** Closes the open incident for `reason`, or, while an action it started is running, once that action ends. */
  private closeOrWait(reason: string): void {
    if (this.running.size > 0) this.closeWhenDone = reason;
    else this.endIncident(reason);
  }

  /** A note from the operator (token-shaped text masked). */
  addNote(text: string): NoteEntry {
    return this.write<NoteEntry>({ kind: 'note', text: maskText(text.trim()) });
  }

  /**
   * The console calls this whenever the ladder's verdicts change. Rungs going red (failing) or back are
   * journaled (and a rung that failed in the open incident coming back from unknown); the first red rung
   * opens an incident; the change after which every rung that failed is seen healthy closes it.
   */
  recordRungChange(prev: RungVerdict[] | LadderResult | undefined, next: RungVerdict[] | LadderResult): RungEntry[] {
    const before = new Map(rungsOf(prev).map((r) => [r.id, r]));
    const after = rungsOf(next);
    const rootCause = !Array.isArray(next) ? next.rootCause?.title : undefined;
    const open = this.currentIncident() !== undefined;
    const changed = after.filter((r) => {
      const from = before.get(r.id)?.verdict;
      if (from === r.verdict) return false;
      if (r.verdict === 'failing' || from === 'failing') return true;
      if (open && from === 'unknown' && this.failedRungs.has(r.id) && (r.verdict === 'ok' || r.verdict === 'warn')) return true;
      return (from === 'warn' && r.verdict === 'ok') || (from === 'ok' && r.verdict === 'warn');
    });
    if (changed.some((r) => r.verdict === 'failing')) {
      const first = changed.find((r) => r.verdict === 'failing')!;
      this.startIncident(`${first.title} rung failing: ${first.summary}`);
    }
    if (this.currentIncident()) for (const r of after) if (r.verdict === 'failing') this.failedRungs.add(r.id);
    this.lastRungs = after;
    const written = changed.map((r) =>
      this.write<RungEntry>({
        kind: 'rung',
        rung: r.id,
        title: r.title,
        from: before.get(r.id)?.verdict ?? 'none',
        to: r.verdict,
        summary: r.summary,
        ...(r.verdict === 'failing' && rootCause ? { rootCause } : {}),
      }),
    );
    // Closed by the change after which every rung that failed is seen healthy, or at the console's first look
    // (prev undefined) when an incident left open by an earlier session finds them healthy. Unknown is not
    // healthy: losing the API keeps the incident open.
    if (this.currentIncident() && this.healed(after) && (changed.length > 0 || prev === undefined)) {
      this.closeOrWait(prev === undefined ? 'Nothing failing at start' : 'Every rung that failed is seen healthy again');
    }
    return written;
  }

  actionStarted(a: {
    action: string;
    title: string;
    target: string;
    tier: Tier;
    params: Record<string, string>;
    paramSpecs?: ParamSpec[];
    dryRun: boolean;
    /** The equivalent commands of the action's calls. */
    commands: string[];
    /** false for an attempt that is refused before it runs (read-only, not confirmed). */
    startsIncident?: boolean;
    /** Overrides the journal's user (the executor's ctx.user). */
    who?: string;
  }): ActionStartEntry {
    const holds = a.tier !== 'read' && !a.dryRun && a.startsIncident !== false;
    if (holds) this.startIncident(`Action: ${a.title}`);
    const run = `${compactStamp(this.now())}-${process.pid}-${++this.seq}`;
    const entry = this.write<ActionStartEntry>({
      kind: 'action-start',
      ...(a.who ? { who: a.who } : {}),
      run,
      action: a.action,
      title: a.title,
      target: a.target,
      tier: a.tier,
      params: maskParams(a.params, a.paramSpecs),
      dryRun: a.dryRun,
      commands: a.commands.map(maskText),
    });
    // A change holds its incident open until its end (with its verification) is journaled.
    if (holds) this.running.add(run);
    return entry;
  }

  /**
   * The end of an action, in the incident its start was in. The last running action of an incident that was
   * waiting to close closes it, if the rungs last seen are still healthy.
   */
  actionFinished(start: ActionStartEntry, end: { outcome: Outcome; message: string; durationMs: number }): ActionEndEntry {
    let entry: ActionEndEntry;
    try {
      entry = this.writeActionEnd(start, end);
    } finally {
      this.running.delete(start.run);
    }
    const reason = this.closeWhenDone;
    if (reason && this.running.size === 0) {
      this.closeWhenDone = undefined;
      if (this.currentIncident() && this.healed(this.lastRungs)) this.endIncident(reason);
    }
    return entry;
  }

  private writeActionEnd(start: ActionStartEntry, end: { outcome: Outcome; message: string; durationMs: number }): ActionEndEntry {
    return this.write<ActionEndEntry>({
      kind: 'action-end',
      ...(start.incident ? { incident: start.incident } : {}),
      who: start.who,
      run: start.run,
      action: start.action,
      title: start.title,
      target: start.target,
      tier: start.tier,
      outcome: end.outcome,
      message: maskText(end.message),
      durationMs: Math.round(end.durationMs),
      dryRun: start.dryRun,
    });
  }
}
