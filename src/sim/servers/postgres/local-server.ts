// A real PostgreSQL server in a temporary directory on a loopback port: the simulated Box's database under
// --demo, and the server the integration tests start. Debian's binaries (initdb, postgres), found on PATH or in
// /usr/lib/postgresql/<version>/bin (the newest). One initdb per machine and version is kept as a template in
// the system's temporary directory (initdb takes about a second; a copy of the template, a tenth of that).
// Started under root, the server runs as the `postgres` user (PostgreSQL refuses to run as root). It is
// started with a parent-death signal (launcher() below): when this process ends in any way, SIGKILL included,
// the server shuts down, so no server outlives its run.
// Local (unix-socket) connections are trusted, for the set-up only; TCP connections need a password (SCRAM).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

export class LocalPostgresError extends Error {}

export interface LocalPostgresOptions {
  /** Default: a free port. */
  port?: number;
  /** max_connections (default 100). */
  maxConnections?: number;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
  /** How long to wait for the server to accept connections (ms); default 20 s. */
  startTimeoutMs?: number;
  /** false: the first start listens on the unix socket only (see LocalPostgres.start). */
  tcp?: boolean;
  /** Aborting it while the server starts stops it and rejects (and removes its directory). */
  signal?: AbortSignal;
}

export interface StartOptions {
  /** Listen on 127.0.0.1:port too (default true). */
  tcp?: boolean;
}

export interface LocalPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The unix-socket directory: the superuser `postgres` connects here without a password (set-up only). */
  readonly socketDir: string;
  readonly dataDir: string;
  readonly version: string;
  /** Whether the server runs now. */
  running(): boolean;
  /** Stops the server (fast shutdown: sessions are ended); start() again uses the same data. */
  stop(): Promise<void>;
  /**
   * Starts it again after stop(). With `{ tcp: false }` it listens on its unix socket only (TCP connections are
   * refused), for a set-up nobody else may see; stop() and start() again to open TCP.
   */
  start(opts?: StartOptions): Promise<void>;
  /** Stops it and removes its directory. Safe to call more than once. */
  destroy(): Promise<void>;
}

/** The directory of PostgreSQL's server binaries, or undefined when none is installed. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** Under root, the `postgres` user's ids (PostgreSQL will not run as root). */
function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new LocalPostgresError('PostgreSQL cannot run as root and there is no "postgres" user to run it as; install Debian\'s postgresql package or run as another user.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function own(path: string, as: RunAs): void {
  if (as.uid !== undefined) chownSync(path, as.uid, as.gid!);
}

/** A command's exit status and output, without blocking the event loop (the simulator's other servers run beside). */
function run(cmd: string, args: string[], as: RunAs = {}, signal?: AbortSignal): Promise<{ status: number; stdout: string; stderr: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { ...as, encoding: 'utf8', ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      const code = (err as { code?: unknown } | null)?.code;
      resolve({ status: err ? (typeof code === 'number' ? code : -1) : 0, stdout, stderr, ...(err && typeof code !== 'number' ? { error: err.message } : {}) });
    });
  });
}

async function ownTree(path: string, as: RunAs, signal?: AbortSignal): Promise<void> {
  if (as.uid === undefined) return;
  await run('chown', ['-R', `${as.uid}:${as.gid}`, path], {}, signal);
}

/**
 * Where the server's directories go: the system's temporary directory, unless the server's user (`postgres`,
 * under root) cannot get into it (a private TMPDIR of a test, mode 0700, owned by root): then /tmp.
 */
function tmpRoot(as: RunAs): string {
  const dir = tmpdir();
  if (as.uid === undefined) return dir;
  let p = resolve(dir);
  for (;;) {
    const st = statSync(p);
    const enter = st.uid === as.uid ? st.mode & 0o100 : st.gid === as.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!enter) return '/tmp';
    const up = dirname(p);
    if (up === p) return dir;
    p = up;
  }
}

/** A free loopback port (closed again at once: the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The template data directory for this version and user, made once (atomically: a rename). */
async function template(bin: string, version: string, as: RunAs): Promise<string> {
  const dir = join(tmpRoot(as), `sunbeam-pg-template-${version}-${as.uid ?? process.getuid?.() ?? 'u'}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const work = mkdtempSync(join(tmpRoot(as), 'sunbeam-pg-initdb-'));
  own(work, as);
  const data = join(work, 'data');
  const r = await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-instructions'], as);
  if (r.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new LocalPostgresError(`initdb failed: ${(r.stderr || r.error || '').trim().split('\n').pop()}`);
  }
  try {
    renameSync(data, dir);
  } catch {
    // Another run made it first: theirs is as good.
  }
  rmSync(work, { recursive: true, force: true });
  return dir;
}

async function versionOf(bin: string): Promise<string> {
  const r = await run(join(bin, 'postgres'), ['--version']);
  const m = /(\d+)(\.\d+)?/.exec(r.stdout ?? '');
  if (!m) throw new LocalPostgresError(`${join(bin, 'postgres')} --version did not say its version.`);
  return m[1]!;
}

/**
 * How the server is started: through util-linux's setpriv, which sets the parent-death signal (SIGINT, a fast
 * shutdown, when this process ends in any way) and, under root, the `postgres` user, then execs the server.
 */
function launcher(args: string[], as: RunAs): [string, string[]] {
  const user = as.uid !== undefined ? [`--reuid=${as.uid}`, `--regid=${as.gid}`, '--init-groups'] : [];
  return ['setpriv', ['--pdeathsig', 'INT', ...user, '--', ...args]];
}

export async function startLocalPostgres(opts: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new LocalPostgresError('No PostgreSQL server is installed (initdb and postgres not found on PATH or in /usr/lib/postgresql); install Debian\'s postgresql package.');
  const as = runAs();
  const version = await versionOf(bin);
  const base = mkdtempSync(join(tmpRoot(as), 'sunbeam-pg-'));
  own(base, as);
  const dataDir = join(base, 'data');
  const socketDir = join(base, 'run');
  mkdirSync(socketDir);
  own(socketDir, as);
  try {
    // one cp process (a thousand small files: faster than node's, and ended at once by an abort)
    const copied = await run('cp', ['-a', await template(bin, version, as), dataDir], {}, opts.signal);
    if (copied.status !== 0 && !opts.signal?.aborted) throw new LocalPostgresError(`Copying the template data directory failed: ${(copied.stderr || copied.error || '').trim()}`);
    if (!opts.signal?.aborted) chmodSync(dataDir, 0o700);
    await ownTree(dataDir, as, opts.signal);
    if (opts.signal?.aborted) throw new LocalPostgresError('PostgreSQL was stopped while it started.');
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
  const port = opts.port ?? (await freePort());
  const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: socketDir, max_connections: String(opts.maxConnections ?? 100), shared_buffers: '16MB', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', logging_collector: 'off', log_min_messages: 'fatal', ...opts.settings };
  const argsFor = (tcp: boolean) => [join(bin, 'postgres'), '-D', dataDir, ...Object.entries({ ...settings, ...(tcp ? {} : { listen_addresses: '' }) }).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let destroyed = false;
  let log = '';

  async function start(startOpts: StartOptions = {}): Promise<void> {
    if (child) return;
    log = '';
    const tcp = startOpts.tcp ?? true;
    const [cmd, argv] = launcher(argsFor(tcp), as);
    const c = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = c;
    c.stderr!.on('data', (d: Buffer) => {
      if (log.length < 8000) log += d.toString();
    });
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    void exited.then(() => {
      if (child === c) child = undefined;
    });
    const deadline = Date.now() + (opts.startTimeoutMs ?? 20_000);
    for (;;) {
      if (opts.signal?.aborted) {
        await stop();
        throw new LocalPostgresError('PostgreSQL was stopped while it started.');
      }
      if (!child) throw new LocalPostgresError(`PostgreSQL did not start: ${log.trim().split('\n').pop() ?? 'it exited'}`);
      if (existsSync(join(socketDir, `.s.PGSQL.${port}`)) && pidStatus(dataDir) === 'ready' && (tcp ? await accepts(port) : await acceptsUnix(join(socketDir, `.s.PGSQL.${port}`)))) return;
      if (Date.now() > deadline) {
        await stop();
        throw new LocalPostgresError(`PostgreSQL did not accept connections within ${Math.round((opts.startTimeoutMs ?? 20_000) / 1000)} s${log.trim() ? ` (${log.trim().split('\n').pop()})` : ''}.`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function stop(): Promise<void> {
    const c = child;
    if (!c) return;
    c.kill('SIGINT');
    await exited;
    child = undefined;
  }

  await start({ tcp: opts.tcp ?? true }).catch(async (err) => {
    rmSync(base, { recursive: true, force: true });
    throw err;
  });

  return {
    host: '127.0.0.1',
    port,
    socketDir,
    dataDir,
    version,
    running: () => child !== undefined,
    stop,
    start: (startOpts?: StartOptions) => (destroyed ? Promise.reject(new LocalPostgresError('This PostgreSQL server was removed.')) : start(startOpts)),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** The postmaster's status in postmaster.pid ("starting", "ready", "stopping"): it listens before it is ready (57P03). */
function pidStatus(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim();
  } catch {
    return undefined;
  }
}

/** Whether a TCP connection to the port is accepted now. */
function accepts(port: number): Promise<boolean> {
  return acceptsAt({ host: '127.0.0.1', port });
}

/** Whether a connection to the unix socket is accepted now. */
function acceptsUnix(path: string): Promise<boolean> {
  return acceptsAt({ path });
}

function acceptsAt(where: { host: string; port: number } | { path: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(where, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
