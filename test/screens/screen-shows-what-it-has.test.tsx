// Issue #8, "The screen shows what it has", on the real console screen (ink-testing-library): columns and
// overlays use the width they have, every finding, event and output line opens in full, display widths,
// long input that scrolls, the key bar by priority, a terminal too small, and the smaller items (the sort
// header and its reverse, the picker's title and its type-to-filter, y/N without "PgDn more" when it fits,
// folding namespaces, nothing of the pane beside an overlay, one rule for where an action's error shows).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { confirmationFor } from '../../src/actions/tiers.js';
import type { Action, ActionStep } from '../../src/actions/types.js';
import { inBackground } from '../../src/console/background.js';
import type { LadderResult } from '../../src/ladder/types.js';
import type { SourceClients } from '../../src/sources/source.js';
import type { AppStore } from '../../src/store/index.js';
import { buildStatusRows, displayWidth } from '../../src/views/index.js';
import { armed, boxStore, consoleFor, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle, type, waitUntil } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbc-screen-'));
});
afterEach(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const LONG_DETAIL =
  'Primary instance postgres-1 is not healthy: no instance is ready to be promoted. Applications using the database cannot connect. Check the CloudNativePG operator logs; the end of this sentence is WAL-ARCHIVE-END.';

/** The postgres-down ladder with a long detail on the root cause and a long summary on the Data rung. */
function longLadder(): LadderResult {
  const l = postgresDownLadder();
  return {
    ...l,
    rungs: l.rungs.map((r) => (r.id === 5 ? { ...r, summary: 'postgres 0/2, backup 20h ago' } : r.id === 2 ? { ...r, summary: '7 failing, 1 warn' } : r)),
    findings: l.findings.map((f, i) => (i === 0 ? { ...f, detail: LONG_DETAIL } : f)),
  };
}

function testAction(ns: string, name: string, run: ActionStep['run']): Action {
  return {
    id: 'test-change',
    verb: 'restart',
    title: `Restart ${ns}/${name}`,
    target: { kind: 'Deployment', namespace: ns, name },
    tier: 'change',
    confirmation: confirmationFor('change', name, ''),
    params: [],
    steps: [
      {
        title: `Step on ${ns}/${name}`,
        tier: 'change',
        calls: [{ equivalent: { tool: 'kubectl', command: `kubectl -n ${ns} rollout restart deployment/${name}` }, method: 'PATCH', path: `/apis/apps/v1/namespaces/${ns}/deployments/${name}` }],
        dryRunnable: true,
        preflight: async () => [{ label: 'Replicas', value: '1/1 ready', level: 'ok' }],
        run,
      },
    ],
  };
}

const OUTPUT_LINE = `rollout: ${'waiting for the new replicas to become ready, '.repeat(4)}OUTPUT-END`;

function mount(size = { columns: 100, rows: 30 }, opts: { store?: AppStore; ladder?: () => LadderResult } = {}) {
  const store = opts.store ?? boxStore();
  const run = vi.fn<ActionStep['run']>(async () => ({ ok: true, message: 'done, all replaced', lines: [OUTPUT_LINE] }));
  const restart = vi.fn(async (_c: SourceClients, ref: string) => {
    const [ns, name] = ref.split('/') as [string, string];
    return testAction(ns, name, run);
  });
  const evaluate = opts.ladder ?? (() => postgresDownLadder());
  const ops = consoleFor(store, { dir, planners: { restart }, evaluate });
  const quit = vi.fn();
  const r = render(<Console store={store} evaluate={evaluate} console={ops} quit={quit} size={size} />);
  return { ...r, store, run, ops, quit };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';
const until = (test: () => boolean, ms = 3000) => waitUntil(test, ms);
/** The frame's text with the line breaks and the border and padding between wrapped lines taken out. */
const joined = (f: string) => f.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
/** The main area's text (right of the ladder column), its rows joined. */
const paneText = (f: string) =>
  f
    .split('\n')
    .map((l) => l.split('│').slice(1).join(' '))
    .join(' ')
    .replace(/\s+/g, ' ');

async function command(r: { stdin: { write(s: string): void } }, text: string) {
  await press(r.stdin, ':');
  await type(r.stdin, text);
  await press(r.stdin, KEY.enter);
}

describe('columns and overlays use the width they have', () => {
  it('the STATUS column grows to its longest cell at 200 columns ("Cluster in healthy state", not "Cluster in heal…")', async () => {
    const store = boxStore();
    store.getState().actions.applyKube([{ collection: 'pgClusters', upsert: [{ ...store.getState().kube.pgClusters['data/postgres']!, phase: 'Cluster in healthy state', readyInstances: 2 }] }]);
    const r = mount({ columns: 200, rows: 60 }, { store });
    await settle();
    expect(frame(r)).toContain('Cluster in healthy state');
    expect(frame(r)).not.toContain('Cluster in heal…');
  });

  it('the help overlay is as wide as the terminal less a margin, at 120 and at 200 columns', async () => {
    for (const columns of [120, 200]) {
      const r = mount({ columns, rows: 40 });
      await settle();
      await press(r.stdin, '?');
      const top = frame(r).split('\n').find((l) => l.includes('╭'))!;
      expect(top.trim().length, `at ${columns}`).toBe(columns - 4);
      r.unmount();
    }
  });

  it('the help overlay wraps a long description at 80 columns instead of cutting it, and G reaches its last wrapped line', async () => {
    const r = mount({ columns: 80, rows: 30 });
    await settle();
    await press(r.stdin, '?');
    expect(joined(frame(r))).toContain('Drill into the selected row (a finding jumps to its target in Status; a namespace folds or unfolds)');
    expect(frame(r)).toMatch(/Help ↓ \d+ more/);
    await press(r.stdin, 'G');
    expect(frame(r)).not.toMatch(/Help ↓ \d+ more/);
    expect(frame(r)).toContain('Full text');
  });

  it('the Data pane wraps its long lines at 80 columns', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    await press(r.stdin, '5');
    expect(paneText(frame(r))).toContain('Not connected: set SUNBEAM_PG_DSN (or PGHOST, PGUSER..., or postgres.dsn in the config file) to see connections, long queries and replication from inside the database.');
  });

  it('an overlay blanks the whole rows it covers: nothing of the table beside it at 120 columns', async () => {
    const r = mount({ columns: 120, rows: 40 });
    await settle();
    expect(frame(r)).toContain('sunbeam-1');
    await press(r.stdin, KEY.down, 'n');
    const lines = frame(r).split('\n');
    const first = lines.findIndex((l) => l.includes('╭'));
    const last = lines.findIndex((l) => l.includes('╰'));
    expect(first).toBeGreaterThan(0);
    for (const l of lines.slice(first, last + 1)) {
      expect(l.slice(0, l.search(/[╭│╰]/)).trim(), l).toBe('');
      expect(l.slice(Math.max(l.lastIndexOf('╮'), l.lastIndexOf('│'), l.lastIndexOf('╯')) + 1).trim(), l).toBe('');
    }
  });

  it('the ladder wraps a long summary onto its spare rows at 80x24 instead of cutting it', async () => {
    const r = mount({ columns: 80, rows: 24 }, { ladder: longLadder });
    await settle();
    const left = frame(r)
      .split('\n')
      .map((l) => l.split('│')[0] ?? '')
      .join(' ');
    expect(left.replace(/\s+/g, ' ')).toContain('postgres 0/2, backup 20h ago');
    expect(left.replace(/\s+/g, ' ')).toContain('7 failing, 1 warn');
    expect(frame(r)).not.toContain('b…');
  });

  it('a flash line longer than the terminal wraps instead of being cut', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    const text = 'Could not do the thing you asked: this sentence is long enough to need two rows at eighty columns, and it ends with FLASH-END.';
    r.store.getState().actions.flash(text, 'warn');
    await settle();
    expect(joined(frame(r))).toContain(text);
    expect(frame(r).split('\n').length).toBeLessThanOrEqual(24);
  });
});

describe('every finding, event and output line opens in full', () => {
  it('v on a Check finding opens it in full, wrapped; Esc closes it', async () => {
    const r = mount({ columns: 80, rows: 24 }, { ladder: longLadder });
    await settle();
    await press(r.stdin, '2');
    expect(frame(r)).not.toContain('WAL-ARCHIVE-END');
    await press(r.stdin, 'v');
    expect(r.store.getState().ui.modals.at(-1)?.kind).toBe('full-text');
    expect(joined(frame(r))).toContain(LONG_DETAIL);
    expect(frame(r)).toContain('Target: Cluster data/postgres');
    for (const l of frame(r).split('\n')) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    await press(r.stdin, KEY.esc);
    expect(r.store.getState().ui.modals).toEqual([]);
  });

  it('v in a drill-down opens its events in full', async () => {
    const store = boxStore();
    const message = `Back-off restarting failed container django in pod messages: ${'the container exits at start, '.repeat(3)}EVENT-END`;
    store.getState().actions.applyKube([{ collection: 'events', upsert: [{ ...store.getState().kube.events['messages/ev1']!, message }] }]);
    const r = mount({ columns: 80, rows: 24 }, { store });
    await settle();
    r.store.getState().actions.pushView({ view: 'workload', target: 'Deployment/messages/messages' });
    await settle();
    expect(frame(r)).not.toContain('EVENT-END');
    await press(r.stdin, 'v');
    expect(joined(frame(r))).toContain(message);
  });

  it("v on an action's result opens its output in full over the result; Esc comes back to the result", async () => {
    const r = mount({ columns: 80, rows: 24 });
    await command(r, 'restart messages/messages');
    await until(() => frame(r).includes('[y/N]') && armed(r.store));
    await press(r.stdin, 'y');
    await until(() => frame(r).includes('done, all replaced'));
    expect(frame(r)).not.toContain('OUTPUT-END');
    expect(frame(r)).toContain('v full output');
    await press(r.stdin, 'v');
    expect(joined(frame(r))).toContain(OUTPUT_LINE);
    await press(r.stdin, KEY.esc);
    expect(r.store.getState().ui.modals.map((m) => m.kind)).toEqual(['action']);
  });

  it('v in the timeline opens its entries in full', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    const note = `the on-call engineer saw the database fail over twice and decided to wait for the operator, NOTE-END`;
    r.ops.journal.addNote(note);
    r.store.getState().actions.journalWritten();
    await press(r.stdin, 't');
    expect(frame(r)).not.toContain('NOTE-END');
    await press(r.stdin, 'v');
    expect(joined(frame(r))).toContain(note);
    await press(r.stdin, KEY.esc);
    expect(r.store.getState().ui.modals.map((m) => m.kind)).toEqual(['timeline']);
  });
});

describe('display widths and long input', () => {
  it('a note typed as "日本語 note 🚀" keeps its emoji and its single spaces, on screen and in the journal', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    await press(r.stdin, 'n');
    // The emoji arrives as one read of two UTF-16 units, as a terminal sends it.
    await type(r.stdin, '日本語 note ');
    await press(r.stdin, '🚀');
    expect(r.store.getState().ui.modals.at(-1)).toMatchObject({ kind: 'note', props: { text: '日本語 note 🚀' } });
    expect(frame(r)).toContain('> 日本語 note 🚀█');
    await press(r.stdin, KEY.backspace);
    expect(r.store.getState().ui.modals.at(-1)).toMatchObject({ props: { text: '日本語 note ' } });
    await press(r.stdin, '🚀', KEY.enter);
    const journal = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
    expect(journal).toContain('"text":"日本語 note 🚀"');
  });

  it('the command line, the filter and the note scroll so that the end of a long input and its cursor show', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    const long = `${'x'.repeat(90)}TAIL`;
    // Written as one read each (a paste, or keys faster than the screen).
    await press(r.stdin, ':', long);
    let last = frame(r).split('\n').at(-2)!;
    expect(last).toMatch(/^:….*TAIL█$/);
    expect(displayWidth(last)).toBeLessThanOrEqual(80);
    await press(r.stdin, KEY.esc, '/', long);
    last = frame(r).split('\n').at(-2)!;
    expect(last).toMatch(/^\/….*TAIL█/);
    // 82 cells of wide characters and letters, in a dialog 76 cells wide inside its border.
    await press(r.stdin, KEY.esc, 'n', `${'日本語'.repeat(13)}TAIL`);
    await until(() => frame(r).includes('TAIL█'), 15_000);
    const note = frame(r).split('\n').find((l) => l.includes('> '))!;
    expect(note).toMatch(/> ….*TAIL█/);
    expect(displayWidth(note)).toBeLessThanOrEqual(80);
  });
});

describe('the key bar and the smallest terminal', () => {
  it('at 80 and 120 columns the bar shows what fits by priority, with `? help` first saying how many more it has', async () => {
    for (const columns of [80, 120]) {
      const r = mount({ columns, rows: 24 });
      await settle();
      const bar = frame(r).split('\n').at(-1)!;
      expect(bar, `at ${columns}`).toMatch(/^\? help \(\+\d+ more\) {2}q quit {2}1-7 rungs {2}Enter open/);
      expect(displayWidth(bar)).toBeLessThanOrEqual(columns);
      r.unmount();
    }
    const r = mount({ columns: 200, rows: 60 });
    await settle();
    const bar = frame(r).split('\n').at(-1)!;
    expect(bar).toMatch(/^\? help {2}/);
    expect(bar).not.toContain('more)');
    expect(bar).toContain('e/! emergency');
  });

  it('below 80x24 it says the terminal is too small instead of drawing a broken layout; q still quits', async () => {
    const r = mount({ columns: 70, rows: 20 });
    await settle();
    expect(joined(frame(r))).toContain('Terminal 70x20 is too small: sunbeam-console needs 80x24.');
    expect(frame(r)).not.toContain('1 Status');
    await press(r.stdin, 'q');
    expect(r.quit).toHaveBeenCalled();
  });
});

describe('the smaller items', () => {
  it('s sorts without cutting the header (RESTARTS▾), and S reverses the order (RESTARTS▴)', async () => {
    const r = mount({ columns: 100, rows: 30 });
    await settle();
    await press(r.stdin, 's', 's');
    expect(frame(r)).toContain('RESTARTS▾');
    expect(frame(r)).not.toContain('RESTART…');
    const order = () => frame(r).split('\n').filter((l) => /postgres-[12]/.test(l)).map((l) => /postgres-[12]/.exec(l)![0]);
    expect(order()).toEqual(['postgres-1', 'postgres-2']);
    await press(r.stdin, 'S');
    expect(frame(r)).toContain('RESTARTS▴');
    expect(order()).toEqual(['postgres-2', 'postgres-1']);
    await press(r.stdin, 'S');
    expect(frame(r)).toContain('RESTARTS▾');
  });

  it('the picker for a namespace group is "Runbooks for namespace data", and letters (j, k too) filter it', async () => {
    const r = mount({ columns: 100, rows: 30 });
    await settle();
    const rows = () => frame(r).split('\n');
    const at = r.store.getState().ui.cursor.status ?? 0;
    // Down to the data group: the rows are nodes, sunbeam-1, then the namespaces.
    await press(r.stdin, '/');
    await type(r.stdin, 'data');
    await press(r.stdin, KEY.enter);
    expect(at).toBe(0);
    expect(rows().some((l) => l.includes('▾ data'))).toBe(true);
    await press(r.stdin, 'r');
    expect(frame(r)).toContain('Runbooks for namespace data');
    expect(frame(r)).not.toContain('Namespace data/data');
    expect(frame(r)).toContain('Type to filter');
    await press(r.stdin, 'j');
    expect(r.store.getState().ui.modals.at(-1)).toMatchObject({ kind: 'picker', props: { filter: 'j', cursor: 0 } });
    await press(r.stdin, KEY.backspace, 'k');
    expect(r.store.getState().ui.modals.at(-1)).toMatchObject({ kind: 'picker', props: { filter: 'k', cursor: 0 } });
  });

  it('a y/N dialog whose text fits offers no "PgDn more"', async () => {
    const r = mount({ columns: 100, rows: 30 });
    await command(r, 'restart messages/messages');
    await until(() => frame(r).includes('[y/N]') && armed(r.store));
    expect(frame(r)).toContain('y yes  n/Enter no (default)  d dry run  Esc cancel');
    expect(frame(r)).not.toContain('PgDn more');
  });

  it('Enter on a namespace header folds it (▸) and unfolds it (▾)', async () => {
    const r = mount({ columns: 100, rows: 30 });
    await settle();
    await press(r.stdin, '/');
    await type(r.stdin, 'data');
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain('postgres-1');
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain('▸ data');
    expect(frame(r)).not.toContain('postgres-1');
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain('▾ data');
    expect(frame(r)).toContain('postgres-1');
  });

  it('a finding whose target is in a folded namespace unfolds it when Enter jumps there', async () => {
    const r = mount({ columns: 100, rows: 30 });
    await settle();
    r.store.getState().actions.setFolded('data', true);
    await press(r.stdin, '2', KEY.enter);
    expect(r.store.getState().ui.rung).toBe(1);
    expect(r.store.getState().ui.folded).not.toContain('data');
    expect(frame(r)).toContain('▾ data');
    const { kube, ui } = r.store.getState();
    const rows = buildStatusRows(kube, { namespace: ui.namespace, sort: ui.sort.status, folded: new Set(ui.folded) });
    expect(rows[ui.cursor.status ?? 0]?.id).toBe('cluster:data/postgres');
  });

  it('an action step that fails while its dialog is open shows in the dialog, not as a flash behind it', async () => {
    const r = mount({ columns: 100, rows: 30 });
    await command(r, 'restart messages/messages');
    await until(() => frame(r).includes('[y/N]'));
    inBackground(r.ops, Promise.reject(new Error('the API went away')));
    await until(() => frame(r).includes('The action failed: the API went away.'));
    expect(r.store.getState().ui.flash?.text ?? '').not.toContain('the API went away');
    expect(r.store.getState().flow.state.step).toBe('error');
  });
});
