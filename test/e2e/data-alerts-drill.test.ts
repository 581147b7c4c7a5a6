// Rungs 5 and 6 end to end: the built console in tmux against --demo, with its own HOME, XDG and TMPDIR.
// postgres-connections-exhausted: rung 5 shows who holds PostgreSQL's connections (the simulator's real server),
// the top bar names the leaking application as the root cause, and the connection-exhaustion runbook, run from the
// keyboard behind its y/N, ends drive's sessions. alerts-not-reaching-matrix: rung 6 lists the simulated
// AlertManager's alerts, names the broken hop of Alerts -> Matrix, and S makes a silence that the pane then lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Drill } from './drill.js';

const drill = new Drill('data');
const { tmux } = drill;
const until = drill.until.bind(drill);
const start = drill.start.bind(drill);

beforeAll(() => drill.setup(), 120_000);
afterAll(() => drill.teardown());

describe('data and alerts e2e (tmux, --demo)', () => {
  it('postgres-connections-exhausted: rung 5 names the leak, and the runbook ends its sessions', async () => {
    const s = 'leak';
    start(s, 100, 30, '--demo --scenario postgres-connections-exhausted');
    await until(s, (x) => x.includes('postgres-1'), 'the Status pane populated', 40_000);
    const top = await until(s, (x) => /root cause: data\/postgres: drive/.test(x.split('\n')[0]!), 'the top bar naming the leak', 40_000);
    expect(top.split('\n')[0]).toContain('FAILING');
    tmux.keys(s, '5');
    let screen = await until(s, (x) => /connections 5\d\/60 in use/.test(x) && /drive\s+drive\s+drive\s+\d+\s+\d+\s+\d+ \(/.test(x), 'rung 5 with the connections and drive\'s idle-in-transaction sessions');
    expect(screen).toMatch(/5 Data\s+failing/);
    tmux.keys(s, 'r');
    await until(s, (x) => x.includes('Runbooks for rung 5'), 'the runbook picker');
    tmux.type(s, 'exhaustion', false);
    tmux.keys(s, 'Enter');
    await until(s, (x) => x.includes('whose idle-in-transaction sessions to end'), 'the application field');
    tmux.type(s, 'drive', false);
    tmux.keys(s, 'Enter');
    screen = await until(s, (x) => x.includes('[y/N]') && x.includes('y yes') && /drive: \d+ connections, \d+ idle in transaction/.test(x), 'the confirmation with its preflight, armed');
    expect(screen).toContain('psql -h 127.0.0.1');
    tmux.keys(s, 'y');
    screen = await until(s, (x) => /✓ Succeeded/.test(x) && /session\(s\) gone/.test(x), 'the sessions ended and verified', 40_000);
    tmux.keys(s, 'Escape');
    await until(s, (x) => !x.includes('[y/N]') && /connections [1-4]\d\/60 in use/.test(x), 'rung 5 with the connections freed', 30_000);
  }, 180_000);

  it('alerts-not-reaching-matrix: rung 6 lists the alerts and the broken hop; S silences one', async () => {
    const s = 'matrix';
    start(s, 100, 30, '--demo --scenario alerts-not-reaching-matrix');
    await until(s, (x) => x.includes('postgres-1'), 'the Status pane populated', 40_000);
    tmux.keys(s, '6');
    let screen = await until(s, (x) => x.includes('6 Alerts · Check AlertManager for firing alerts') && x.includes('Alerts -> Matrix · broken at'), 'rung 6 with the path to Matrix broken', 60_000);
    expect(screen).toMatch(/CRITICAL|WARNING/i);
    tmux.keys(s, 'S');
    await until(s, (x) => /matchers/i.test(x), 'the silence dialog');
    tmux.keys(s, 'Enter');
    await until(s, (x) => /duration/i.test(x), 'the duration field');
    tmux.keys(s, 'Enter');
    await until(s, (x) => /comment/i.test(x), 'the comment field');
    tmux.type(s, 'e2e drill: known, being fixed', false);
    tmux.keys(s, 'Enter');
    screen = await until(s, (x) => x.includes('[y/N]') && x.includes('y yes') && x.includes('amtool silence add'), 'the confirmation with the amtool command, armed');
    tmux.keys(s, 'y');
    await until(s, (x) => /✓ Succeeded/.test(x), 'the silence made', 30_000);
    tmux.keys(s, 'Escape');
    screen = await until(s, (x) => /Silences \(1 active/.test(x) && /active +ends in 5\dm +alertname="AlertmanagerFailedToSendAlerts"/.test(x), 'the silence listed by the pane', 30_000);
    // Silenced, the alert is muted, and rung 6 still says its alerts do not reach Matrix.
    expect(screen).toMatch(/silenced +monitoring\/alertmanage/);
    expect(screen).toMatch(/6 Alerts +failing/);
  }, 180_000);
});
