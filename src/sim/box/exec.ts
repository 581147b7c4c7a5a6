// In-container commands: a small table per container kind, plus what every container has.
import type { ExecIO, ExecProvider, ExecRequest } from '../k8s/providers.js';
import type { Barman } from './barman.js';
import { WORKLOADS } from './catalog.js';
import type { Ctx } from './context.js';
import { containerKindOf } from './pods.js';
import { OPENBAO_BUILD_DATE, OPENBAO_VERSION } from './openbao/cluster.js';
import { int } from './util.js';

/** Split a shell command line on spaces, honouring simple quotes. */
export function shellSplit(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

export class Exec implements ExecProvider {
  constructor(
    private readonly ctx: Ctx,
    private readonly barman: Barman,
  ) {}

  async run(req: ExecRequest, io: ExecIO): Promise<number> {
    const pod = this.ctx.store.get('pods', req.namespace, req.pod);
    const cs = pod?.status?.containerStatuses?.find((c: any) => c.name === req.container);
    if (!pod || !cs) {
      io.stderr(`error: unable to upgrade connection: container not found ("${req.container}")\n`);
      return 1;
    }
    if (!cs.state?.running) {
      io.stderr(`error: unable to upgrade connection: container ${req.container} is not running\n`);
      return 1;
    }
    let argv = req.command;
    if ((argv[0] === 'sh' || argv[0] === 'bash' || argv[0] === '/bin/sh' || argv[0] === '/bin/bash') && argv[1] === '-c' && argv[2] !== undefined) {
      argv = shellSplit(argv[2]);
    }
    if (['sh', 'bash', 'ash', '/bin/sh', '/bin/bash'].includes(argv[0] ?? '') && argv.length === 1) {
      io.stderr('This simulated container has no interactive shell; run one command instead, for example: -- barman list-backup postgres\n');
      return 126;
    }
    const [cmd, ...args] = argv;
    const kind = containerKindOf(pod, req.container);
    const out = (s: string) => io.stdout(s.endsWith('\n') ? s : `${s}\n`);
    switch (cmd) {
      case undefined:
        return 0;
      case 'date':
        out(this.ctx.now().toUTCString().replace('GMT', 'UTC').replace(',', ''));
        return 0;
      case 'hostname':
        out(req.pod);
        return 0;
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'echo':
        out(args.join(' '));
        return 0;
      case 'whoami':
        out(kind === 'postgres' ? 'postgres' : kind === 'barman' ? 'barman' : 'app');
        return 0;
      case 'env':
      case 'printenv':
        out(this.env(req, pod.metadata.labels?.app ?? ''));
        return 0;
    }
    if (kind === 'barman' && cmd === 'barman') return this.barman.run(args, io);
    if (kind === 'postgres' && cmd === 'pg_isready') {
      out('/var/run/postgresql:5432 - accepting connections');
      return 0;
    }
    if (kind === 'postgres' && cmd === 'psql') return this.psql(args, io, pod.metadata.labels?.role === 'replica');
    if (kind === 'openbao' && (cmd === 'bao' || cmd === 'vault') && args[0] === 'status') return this.baoStatus(io, req.pod);
    io.stderr(`exec: "${cmd}": executable file not found in $PATH\n`);
    return 127;
  }

  /** Only non-secret variables: secrets are mounted as files, never printed. */
  private env(req: ExecRequest, app: string): string {
    const w = WORKLOADS.find((x) => x.namespace === req.namespace && x.name === app);
    const vars: Record<string, string> = {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOSTNAME: req.pod,
      HOME: '/home/app',
      KUBERNETES_SERVICE_HOST: '10.43.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.43.0.1:443',
      TZ: 'UTC',
    };
    if (w?.needs.includes('postgres')) Object.assign(vars, { DB_HOST: 'postgres-rw.data.svc', DB_PORT: '5432' });
    if (w?.containerKind === 'django') Object.assign(vars, { DJANGO_SETTINGS_MODULE: 'messages.settings.production' });
    if (w?.containerKind === 'openbao') Object.assign(vars, { BAO_ADDR: 'https://127.0.0.1:8200', BAO_CACERT: '/vault/tls/ca.crt' });
    if (req.namespace === 'data') Object.assign(vars, { PGDATA: '/var/lib/postgresql/data/pgdata' });
    return Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n');
  }

  private psql(args: string[], io: ExecIO, replica: boolean): number {
    const i = args.findIndex((a) => a === '-c' || a === '--command');
    const sql = (i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--command='))?.slice(10)) ?? '';
    if (!sql) {
      io.stderr('psql: error: interactive sessions are not available through this exec; pass -c "<query>"\n');
      return 2;
    }
    const q = sql.trim().replace(/;$/, '').toLowerCase();
    const table = (col: string, val: string) => {
      const w = Math.max(col.length, val.length);
      io.stdout(` ${col.padEnd(w)} \n${'-'.repeat(w + 2)}\n ${val.padStart(w)}\n(1 row)\n\n`);
    };
    if (/count\(\*\).*pg_stat_activity/.test(q)) table('count', String(int(18, 42)));
    else if (q.includes('pg_is_in_recovery')) table('pg_is_in_recovery', replica ? 't' : 'f');
    else if (q.includes('version()')) table('version', 'PostgreSQL 16.4 (Debian 16.4-1.pgdg110+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 10.2.1-6) 10.2.1 20210110, 64-bit');
    else if (q.includes('now()')) table('now', `${this.ctx.now().toISOString().replace('T', ' ').replace('Z', '')}+00`);
    else if (q === 'select 1') table('?column?', '1');
    else if (q.includes('pg_current_wal_lsn')) table('pg_current_wal_lsn', this.ctx.world.backups.last?.endLsn ?? '0/0');
    else {
      io.stderr(`ERROR:  this simulated database answers only a few read-only queries (connections, recovery state, version, time)\n`);
      return 1;
    }
    return 0;
  }

  /** `bao status` inside replica `pod`: that replica's own seal (each has its own) and its HA state; exit 2 while sealed. */
  private baoStatus(io: ExecIO, pod: string): number {
    const bao = this.ctx.world.bao;
    const r = bao.view(pod);
    const sealed = r?.sealed ?? true;
    const rows: [string, string][] = [
      ['Seal Type', 'shamir'],
      ['Initialized', 'true'],
      ['Sealed', String(sealed)],
      ['Total Shares', String(bao.shares)],
      ['Threshold', String(bao.threshold)],
      ...(sealed ? ([['Unseal Progress', `${r?.progress ?? 0}/${bao.threshold}`], ['Unseal Nonce', r?.nonce || 'n/a']] as [string, string][]) : []),
      ['Version', OPENBAO_VERSION],
      ['Build Date', OPENBAO_BUILD_DATE],
      ['Storage Type', 'raft'],
      ...(!sealed ? ([['Cluster Name', bao.clusterName], ['Cluster ID', bao.clusterId]] as [string, string][]) : []),
      ['HA Enabled', 'true'],
      ...(!sealed && r
        ? ([
            ['HA Cluster', bao.leader ? `https://${bao.leader}.openbao-internal:8201` : 'n/a'],
            ['HA Mode', r.active ? 'active' : 'standby'],
            ...(r.active ? [['Active Since', r.activeSince ?? '']] : [['Active Node Address', bao.leader ? `https://${bao.leader}.openbao-internal:8200` : '<none>']]),
            ['Raft Committed Index', String(bao.raftIndex)],
            ['Raft Applied Index', String(bao.raftIndex)],
          ] as [string, string][])
        : []),
    ];
    const width = Math.max(...rows.map(([k]) => k.length)) + 3;
    io.stdout(`${'Key'.padEnd(width)}Value\n${'---'.padEnd(width)}-----\n${rows.map(([k, v]) => `${k.padEnd(width)}${v}\n`).join('')}`);
    return sealed ? 2 : 0;
  }
}
