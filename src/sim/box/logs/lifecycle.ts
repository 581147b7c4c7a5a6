// What containers write when they start, and their last words when a fault makes them exit.
import type { ContainerKind } from '../catalog.js';
import type { CrashCause } from '../health.js';
import { int } from '../util.js';
import { glog, goTime, isoMs, json, klog, logfmt, pgTime, pyTime } from './formats.js';

const goT = (t: Date) => isoMs(t).replace(/\.\d+Z$/, 'Z');

export function startupLines(kind: ContainerKind, t: Date): string[] {
  switch (kind) {
    case 'django':
      return [
        json({ time: isoMs(t), level: 'info', logger: 'gunicorn.error', message: 'Starting gunicorn 23.0.0' }),
        json({ time: isoMs(t), level: 'info', logger: 'gunicorn.error', message: 'Listening at: http://0.0.0.0:8000 (1)' }),
        json({ time: isoMs(t), level: 'info', logger: 'gunicorn.error', message: 'Booting worker with pid: 7' }),
      ];
    case 'celery':
      return [json({ time: isoMs(t), level: 'info', logger: 'celery.worker', message: 'celery@messages-worker ready.' })];
    case 'sol': {
      const lines = [json({ time: isoMs(t), level: 'info', logger: 'sol', message: 'Sol starting', version: '1.8.3' })];
      {
        lines.push(
          json({ time: isoMs(t), level: 'info', logger: 'sol.archive', message: 'backfilling recent messages from the OpenSearch archive', index: 'matrix-messages', since: new Date(t.getTime() - 3600_000).toISOString() }),
          json({ time: isoMs(t), level: 'info', logger: 'sol.archive', message: 'backfill complete', rooms: 9, messages: int(120, 900) }),
          json({ time: isoMs(t), level: 'info', logger: 'sol.agents', message: 'system prompt changed; recreating the orchestrator agent', agent: 'sol-orchestrator' }),
          json({ time: isoMs(t), level: 'info', logger: 'sol.matrix', message: 'sent *sneezes* to all rooms', rooms: 9 }),
        );
      }
      lines.push(json({ time: isoMs(t), level: 'info', logger: 'sol.matrix', message: 'logged in', user_id: '@sol:sunbeam.example', device_id: 'SOLBOT' }));
      return lines;
    }
    case 'postgres':
      return [
        `${pgTime(t)} [21] LOG:  starting PostgreSQL 16.4 (Debian 16.4-1.pgdg110+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 10.2.1-6) 10.2.1 20210110, 64-bit`,
        `${pgTime(t)} [21] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        `${pgTime(t)} [21] LOG:  listening on Unix socket "/controller/run/.s.PGSQL.5432"`,
      ];
    case 'openbao':
      return [
        '==> OpenBao server configuration:',
        '',
        '             Api Address: https://openbao.openbao.svc:8200',
        '                     Cgo: disabled',
        '         Cluster Address: https://openbao-0.openbao-internal:8201',
        '              Listener 1: tcp (addr: "[::]:8200", cluster address: "[::]:8201", tls: "enabled")',
        '                 Storage: raft (HA available)',
        '                 Version: OpenBao v2.1.0',
        '',
        '==> OpenBao server started! Log data will stream in below:',
        '',
        `${isoMs(t)} [INFO]  core: stored unseal keys supported, attempting fetch`,
        `${isoMs(t)} [WARN]  failed to unseal core: error="stored unseal keys are supported, but none were found"`,
        `${isoMs(t)} [INFO]  core: vault is sealed`,
      ];
    case 'pingora':
      return [`${isoMs(t)} INFO pingora_core::server: Bootstrap starting`, `${isoMs(t)} INFO pingora_core::server: Server starting`, `${isoMs(t)} INFO pingora_proxy: listening on 0.0.0.0:80, 0.0.0.0:443 (tls from secret ingress/pingora-tls)`];
    case 'seaweed-volume':
      return [glog(t, 'I', 'volume.go:389', 'Start Seaweed volume server 30GB 3.80 at 0.0.0.0:8080'), glog(t, 'I', 'disk_location.go:182', 'Store started on dir: /data with 37 volumes max 0')];
    case 'linkerd-destination':
      return [`time="${goT(t)}" level=info msg="running version edge-24.11.8"`, `time="${goT(t)}" level=info msg="starting gRPC server on :8086"`];
    case 'receiver':
      return [`time=${isoMs(t)} level=INFO msg="starting matrix-alertmanager-receiver" version=2024.11.20 port=12345`];
    case 'cert-manager':
      return [klog(t, 'I', 'start.go:98', '"starting cert-manager" logger="cert-manager" version="v1.16.2" git_commit="sim"')];
    case 'barman':
      return [`${pyTime(t)} [${int(100, 999)}] barman.cli INFO: Starting barman cron for server postgres`];
    case 'vso':
      return [json({ level: 'info', ts: isoMs(t), logger: 'setup', msg: 'Starting manager', gitVersion: 'v0.9.1' })];
    case 'synapse':
      return [`${pyTime(t)} - synapse.app.homeserver - 395 - INFO - main - Synapse now listening on TCP port 8008`];
    case 'gitea':
    case 'drive':
      return [kind === 'gitea' ? `${goTime(t)} cmd/web.go:242:runWeb() [I] Starting Gitea on PID: 1` : json({ time: isoMs(t), level: 'info', logger: 'gunicorn.error', message: 'Listening at: http://0.0.0.0:8000 (1)' })];
    case 'prometheus':
    case 'alertmanager':
    case 'loki':
      return [logfmt({ ts: isoMs(t), caller: 'main.go:601', level: 'info', msg: `Starting ${kind}`, version: '(version=sim)' })];
    default:
      return [];
  }
}

/** What a container writes when it becomes ready. */
export function readyLines(kind: ContainerKind, t: Date, role?: string): string[] {
  if (kind !== 'postgres') return [];
  if (role === 'replica') {
    return [
      `${pgTime(t)} [25] LOG:  entering standby mode`,
      `${pgTime(t)} [25] LOG:  consistent recovery state reached at A/3C0000A0`,
      `${pgTime(t)} [21] LOG:  database system is ready to accept read-only connections`,
      `${pgTime(t)} [31] LOG:  started streaming WAL from primary at A/3C000000 on timeline 1`,
    ];
  }
  return [`${pgTime(t)} [25] LOG:  database system was shut down at ${pgTime(new Date(t.getTime() - 4000))}`, `${pgTime(t)} [21] LOG:  database system is ready to accept connections`];
}

/** The container's last lines before it exits with an error. */
export function crashLines(kind: ContainerKind, cause: CrashCause, t: Date): string[] {
  const jsonErr = (logger: string, message: string, level = 'error') => json({ time: isoMs(t), level, logger, message });
  switch (cause) {
    case 'postgres-self':
      return [
        `${pgTime(t)} [25] LOG:  database system was interrupted; last known up at ${pgTime(new Date(t.getTime() - 3600_000))}`,
        `${pgTime(t)} [25] FATAL:  could not open file "pg_wal/000000010000000A0000003C": No such file or directory`,
        `${pgTime(t)} [21] LOG:  startup process (PID 25) exited with exit code 1`,
        `${pgTime(t)} [21] LOG:  aborting startup due to startup process failure`,
        `${pgTime(t)} [21] LOG:  database system is shut down`,
      ];
    case 'postgres': {
      const msg = 'could not connect to server: Connection refused\n\tIs the server running on host "postgres-rw.data.svc" (10.43.118.24) and accepting\n\tTCP/IP connections on port 5432?';
      if (kind === 'gitea') return [`${goTime(t)} routers/common/db.go:36:InitDBEngine() [E] ORM engine initialization attempt #1/10 failed. Error: dial tcp 10.43.118.24:5432: connect: connection refused`, `${goTime(t)} routers/init.go:68:mustInit() [F] code.gitea.io/gitea/routers/common.InitDBEngine failed: dial tcp 10.43.118.24:5432: connect: connection refused`];
      if (kind === 'synapse') return [`${pyTime(t)} - synapse.storage.database - 461 - ERROR - main - psycopg2.OperationalError: ${msg.split('\n')[0]} (postgres-rw.data.svc:5432)`, `${pyTime(t)} - synapse.app._base - 229 - ERROR - main - Exception during startup: could not connect to server: Connection refused`];
      return [jsonErr(kind === 'sol' ? 'sol.db' : 'django.db.backends', `django.db.utils.OperationalError: ${msg}`), jsonErr('gunicorn.error', 'Worker failed to boot.', 'critical')];
    }
    case 'vault':
      if (kind === 'gitea') return [`${goTime(t)} routers/common/db.go:36:InitDBEngine() [F] pq: password authentication failed for user "v-kubernet-gitea-7Hq2"`];
      return [
        jsonErr('app.config', 'database credentials expired and were not renewed: the Vault Secrets Operator reports "Vault is sealed"'),
        jsonErr(kind === 'synapse' ? 'synapse.storage' : 'django.db.backends', `django.db.utils.OperationalError: connection to server at "postgres-rw.data.svc" (10.43.118.24), port 5432 failed: FATAL:  password authentication failed for user "v-kubernet-${kind}-7Hq2"`),
        jsonErr('gunicorn.error', 'Worker failed to boot.', 'critical'),
      ];
    case 'mistral':
      return [
        // the simulated Mistral API answers the same while the fault holds (src/sim/servers/mistral: 429, Retry-After 90)
        jsonErr('sol.mistral', "Mistral API request failed: httpx.HTTPStatusError: Client error '429 Too Many Requests' for url 'https://api.mistral.ai/v1/chat/completions' (Requests rate limit exceeded; retry-after 90s)"),
        jsonErr('sol.mistral', 'Mistral API request failed after 3 retries: 429 Too Many Requests; the orchestrator agent cannot answer'),
        jsonErr('sol', 'fatal: cannot reach the Mistral API; exiting', 'critical'),
      ];
    case 'seaweedfs':
      return [
        glog(t, 'E', 'volume_loading.go:87', 'load volume 17: readSuperBlock volume 17 version 3: EOF'),
        glog(t, 'F', 'disk_location.go:153', 'failed to load volume 17 in /data: corrupted .idx file /data/17.idx: unexpected EOF'),
      ];
    case 'linkerd-destination':
      return [
        `time="${goT(t)}" level=error msg="failed to initialize Kubernetes API watchers" error="timed out waiting for caches to sync: endpointslices.discovery.k8s.io"`,
        `time="${goT(t)}" level=fatal msg="Failed to initialize K8s API: timed out waiting for caches to sync"`,
      ];
    case 'linkerd':
      return [jsonErr('app', 'linkerd proxy not ready: connect to linkerd-dst.linkerd.svc:8086 failed')];
  }
}

/** OpenBao's lines on unseal progress and on unseal. */
export function unsealLines(t: Date): string[] {
  return [
    `${isoMs(t)} [INFO]  core.cluster-listener.tcp: starting listener: listener_address=[::]:8201`,
    `${isoMs(t)} [INFO]  core: vault is unsealed`,
    `${isoMs(t)} [INFO]  core: post-unseal setup starting`,
    `${isoMs(t)} [INFO]  core: successfully mounted: type=kv version="v2" path=secret/`,
    `${isoMs(t)} [INFO]  core: post-unseal setup complete`,
  ];
}

/** The replica Raft elected: it becomes the active node. */
export function leaderLines(t: Date): string[] {
  return [`${isoMs(t)} [INFO]  core: acquired lock, enabling active operation`, `${isoMs(t)} [INFO]  core: starting raft active node`];
}

export function sealLines(t: Date): string[] {
  return [`${isoMs(t)} [INFO]  core: marked as sealed`, `${isoMs(t)} [INFO]  core: pre-seal teardown starting`, `${isoMs(t)} [INFO]  core: vault is sealed`];
}


/** What a completed Job's container printed (gitea dump, Django's clearsessions). */
export function jobLines(job: string, started: Date, finished: Date): { time: Date; text: string }[] {
  const mid = new Date((started.getTime() + finished.getTime()) / 2);
  if (job.startsWith('gitea-backup')) {
    return [
      { time: started, text: `${goTime(started)} ...s/setting/setting.go:104:LoadCommonSettings() [I] AppPath: /usr/local/bin/gitea` },
      { time: started, text: `${goTime(started)} cmd/dump.go:201:runDump() [I] Dumping local repository directory /var/lib/gitea/git/repositories` },
      { time: mid, text: `${goTime(mid)} cmd/dump.go:238:runDump() [I] Dumping database...` },
      { time: mid, text: `${goTime(mid)} cmd/dump.go:250:runDump() [I] Adding custom configuration file from /etc/gitea/app.ini` },
      { time: finished, text: `${goTime(finished)} cmd/dump.go:340:runDump() [I] Finish dumping in file /backup/gitea-dump.tar.gz` },
    ];
  }
  return [{ time: finished, text: json({ time: isoMs(finished), level: 'info', logger: 'django.contrib.sessions', message: `clearsessions: removed ${int(20, 400)} expired sessions` }) }];
}
