// barman's commands in data/barman-0: backup (streamed over a few seconds), list-backup, check, status.
import type { ExecIO } from '../k8s/providers.js';
import type { BackupRecord } from './backups.js';
import type { Ctx } from './context.js';
import type { CnpgOperator } from './cnpg.js';
import { MINUTE } from './util.js';

function size(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** The offset inside the 16 MiB WAL segment, as barman prints it next to the file name. */
function walOffset(lsn: string): string {
  return (parseInt(lsn.split('/')[1] ?? '0', 16) % 0x1000000).toString(16).toUpperCase().padStart(8, '0');
}

function ctime(d: Date): string {
  // Mon Nov 23 02:02:15 2026 (Python's ctime, UTC)
  const s = d.toUTCString(); // Mon, 23 Nov 2026 02:02:15 GMT
  const [, day, mon, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(s)!;
  return `${s.slice(0, 3)} ${mon} ${day!.padStart(2)} ${time} ${year}`;
}

function pyStamp(d: Date): string {
  return `${d.toISOString().replace('T', ' ').replace('Z', '')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
}

function elapsed(ms: number): string {
  const m = Math.floor(ms / MINUTE);
  const s = Math.round((ms % MINUTE) / 1000);
  return m ? `${m} minute${m === 1 ? '' : 's'}, ${s} second${s === 1 ? '' : 's'}` : `${s} second${s === 1 ? '' : 's'}`;
}

export class Barman {
  constructor(
    private readonly ctx: Ctx,
    private readonly cnpg: CnpgOperator,
  ) {}

  private dbUp(): boolean {
    return !this.ctx.world.postgresDown && this.ctx.store.list('pods', 'data').some((p) => p.metadata.labels?.['cnpg.io/cluster'] === 'postgres' && p.status?.containerStatuses?.[0]?.ready);
  }

  async run(args: string[], io: ExecIO): Promise<number> {
    const [cmd, server, ...rest] = args;
    if (!cmd || cmd === '--help' || cmd === '-h') {
      io.stdout('usage: barman [-h] [-v] [-c CONFIG] [--color {never,always,auto}] [-q] [-d] [-f {json,console}]\n              {archive-wal,backup,check,check-backup,cron,delete,diagnose,get-wal,list-backups,list-files,list-servers,put-wal,rebuild-xlogdb,receive-wal,recover,show-backup,show-servers,status,switch-wal,switch-xlog,sync-info,verify-backup}\n              ...\n');
      return cmd ? 0 : 2;
    }
    if (cmd === '-v' || cmd === '--version') {
      io.stdout('3.12.1 Barman by EnterpriseDB (www.enterprisedb.com)\n');
      return 0;
    }
    if (cmd === 'list-servers') {
      io.stdout('postgres - Sunbeam PostgreSQL (CloudNativePG data/postgres)\n');
      return 0;
    }
    const known = ['backup', 'list-backup', 'list-backups', 'check', 'status', 'show-backup'];
    if (!known.includes(cmd)) {
      io.stderr(`usage: barman [-h] [-v] ...\nbarman: error: argument command: invalid choice: '${cmd}'\n`);
      return 2;
    }
    if (!server) {
      io.stderr(`usage: barman ${cmd} [-h] server_name [server_name ...]\nbarman ${cmd}: error: the following arguments are required: server_name\n`);
      return 2;
    }
    if (server !== 'postgres' && server !== 'all') {
      io.stderr(`ERROR: Unknown server '${server}'\n`);
      return 1;
    }
    switch (cmd) {
      case 'backup':
        return this.backup(io);
      case 'list-backup':
      case 'list-backups':
        for (const r of [...this.ctx.world.backups.records].reverse()) io.stdout(`postgres ${r.id} - ${ctime(r.stoppedAt)} - Size: ${size(r.sizeBytes)} - WAL Size: ${size(r.walBytes)}\n`);
        return 0;
      case 'check':
        return this.check(io);
      case 'status':
        return this.status(io);
      default:
        return this.show(rest[0], io);
    }
  }

  private async backup(io: ExecIO): Promise<number> {
    const { sched, world } = this.ctx;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        const cancel = sched.after(ms, resolve);
        io.signal.addEventListener('abort', () => {
          cancel();
          resolve();
        });
      });
    if (!this.dbUp()) {
      io.stderr('ERROR: Cannot connect to postgres server: connection to server at "postgres-rw.data.svc" (10.43.118.24), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n');
      io.stderr("ERROR: Impossible to start the backup. Check the log for more details, or run 'barman check postgres'\n");
      this.ctx.logs.write('data', 'barman-0', 'barman', [`${this.ctx.now().toISOString().replace('T', ' ').replace('Z', '').replace('.', ',')} [${Math.floor(Math.random() * 9000 + 1000)}] barman.backup ERROR: Backup failed connecting to postgres server`]);
      return 1;
    }
    const started = this.ctx.now();
    const run = world.backups.begin(started);
    io.stdout(`Starting backup using postgres method for server postgres in /var/lib/barman/postgres/base/${run.id}\n`);
    io.stdout(`Backup start at LSN: ${run.beginLsn} (${run.beginWal}, ${walOffset(run.beginLsn)})\n`);
    await wait(700);
    if (io.signal.aborted) return 130;
    io.stdout(`Copying files for ${run.id}\n`);
    await wait(2_500);
    if (io.signal.aborted) return 130;
    const rec: BackupRecord = run.finish(this.ctx.now());
    const took = rec.stoppedAt.getTime() - started.getTime();
    io.stdout(`Copy done (time: ${elapsed(Math.max(1000, took - 600))})\n`);
    io.stdout('Finalising the backup.\n');
    await wait(300);
    io.stdout(`Backup size: ${size(rec.sizeBytes)}\n`);
    io.stdout(`Backup end at LSN: ${rec.endLsn} (${rec.endWal}, ${walOffset(rec.endLsn)})\n`);
    io.stdout(`Backup completed (start time: ${pyStamp(started)}, elapsed time: ${elapsed(Math.max(1000, took))})\n`);
    io.stdout(`Processing xlog segments from streaming for postgres\n\t${rec.beginWal}\n`);
    const cluster = this.ctx.store.get('clusters.postgresql.cnpg.io', 'data', 'postgres');
    if (cluster) this.cnpg.markBackup(cluster, true);
    return 0;
  }

  private check(io: ExecIO): number {
    const up = this.dbUp();
    const n = this.ctx.world.backups.records.length;
    const s = (ok: boolean, extra = '') => (ok ? `OK${extra}` : `FAILED${extra}`);
    const lines: [string, string][] = [
      ['PostgreSQL', s(up)],
      ['superuser or standard user with backup privileges', s(up)],
      ['PostgreSQL streaming', s(up)],
      ['wal_level', s(up)],
      ['replication slot', s(up)],
      ['directories', 'OK'],
      ['retention policy settings', 'OK'],
      ['backup maximum age', 'OK (no last_backup_maximum_age provided)'],
      ['backup minimum size', `OK (${size(this.ctx.world.backups.last?.sizeBytes ?? 0)})`],
      ['wal maximum age', 'OK (no last_wal_maximum_age provided)'],
      ['wal size', `OK (${size(this.ctx.world.backups.last?.walBytes ?? 0)})`],
      ['compression settings', 'OK'],
      ['failed backups', 'OK (there are 0 failed backups)'],
      ['minimum redundancy requirements', `OK (have ${n} backups, expected at least 7)`],
      ['pg_basebackup', 'OK'],
      ['pg_basebackup compatible', s(up)],
      ['pg_basebackup supports tablespaces mapping', 'OK'],
      ['systemid coherence', 'OK'],
      ['pg_receivexlog', 'OK'],
      ['pg_receivexlog compatible', s(up)],
      ['receive-wal running', s(up)],
      ['archiver errors', 'OK'],
    ];
    io.stdout(`Server postgres:\n${lines.map(([k, v]) => `\t${k}: ${v}\n`).join('')}`);
    return up ? 0 : 1;
  }

  private status(io: ExecIO): number {
    const b = this.ctx.world.backups;
    const up = this.dbUp();
    const rows: [string, string][] = [
      ['Description', 'Sunbeam PostgreSQL (CloudNativePG data/postgres)'],
      ['Active', 'True'],
      ['Disabled', 'False'],
      ...(up
        ? ([
            ['PostgreSQL version', '16.4'],
            ['Cluster state', 'in production'],
            ['Current data size', size((b.last?.sizeBytes ?? 0) * 1.04)],
            ['PostgreSQL Data directory', '/var/lib/postgresql/data/pgdata'],
            ['Current WAL segment', b.last ? b.last.endWal : 'n/a'],
          ] as [string, string][])
        : ([['PostgreSQL', 'FAILED (connection to server at "postgres-rw.data.svc" (10.43.118.24), port 5432 failed: Connection refused)']] as [string, string][])),
      ['Passive node', 'False'],
      ['Retention policies', 'enforced (mode: auto, retention: RECOVERY WINDOW OF 30 DAYS, WAL retention: MAIN)'],
      ['No. of available backups', String(b.records.length)],
      ['First available backup', b.first?.id ?? 'None'],
      ['Last available backup', b.last?.id ?? 'None'],
      ['Minimum redundancy requirements', `satisfied (${b.records.length}/7)`],
    ];
    io.stdout(`Server postgres:\n${rows.map(([k, v]) => `\t${k}: ${v}\n`).join('')}`);
    return 0;
  }

  private show(id: string | undefined, io: ExecIO): number {
    const b = this.ctx.world.backups;
    const rec = id === 'latest' || id === 'last' ? b.last : id === 'oldest' || id === 'first' ? b.first : b.records.find((r) => r.id === id);
    if (!rec) {
      io.stderr(`ERROR: Unknown backup '${id ?? ''}' for server 'postgres'\n`);
      return 1;
    }
    io.stdout(
      `Backup ${rec.id}:\n  Server Name            : postgres\n  System Id              : 7437393920498655251\n  Status                 : DONE\n  PostgreSQL Version     : 160004\n  PGDATA directory       : /var/lib/postgresql/data/pgdata\n\n  Base backup information:\n    Disk usage           : ${size(rec.sizeBytes)}\n    Timeline             : 1\n    Begin WAL            : ${rec.beginWal}\n    End WAL              : ${rec.endWal}\n    Begin time           : ${pyStamp(rec.startedAt)}+00:00\n    End time             : ${pyStamp(rec.stoppedAt)}+00:00\n    Begin LSN            : ${rec.beginLsn}\n    End LSN              : ${rec.endLsn}\n`,
    );
    return 0;
  }
}
