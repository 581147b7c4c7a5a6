// What each kind of container writes while it runs, healthy or not. Faults in the World (sealed OpenBao,
// PostgreSQL down, a dead volume server, Linkerd down, a revoked Matrix token, an expired certificate)
// change what the affected programs say.
import type { ContainerKind } from '../catalog.js';
import type { DepsUp } from '../health.js';
import { int, pick } from '../util.js';
import type { World } from '../world.js';
import { clfTime, glog, goTime, isoMs, json, klog, logfmt, pgTime, pyTime, syslogTime } from './formats.js';

export interface LineEnv {
  ns: string;
  pod: string;
  world: World;
  deps: DepsUp;
  /** Per-container counters (pids, request ids). */
  n: Record<string, number>;
}

/** Mean simulated milliseconds between two writes of a container of this kind. */
export const INTERVAL: Record<ContainerKind, number> = {
  pingora: 800, coredns: 3000, django: 1500, celery: 4000, sol: 3500, postgres: 5000, barman: 15000, cnpg: 8000,
  openbao: 20000, vso: 8000, 'cert-manager': 12000, cainjector: 30000, webhook: 30000, 'seaweed-master': 12000,
  'seaweed-volume': 8000, 'seaweed-filer': 6000, synapse: 1500, prometheus: 15000, alertmanager: 20000, grafana: 6000,
  loki: 5000, receiver: 20000, postfix: 8000, gitea: 4000, drive: 3000, 'linkerd-destination': 12000,
  'linkerd-identity': 15000, 'linkerd-injector': 30000, job: 0,
};

const USERS = ['@amelie:sunbeam.example', '@bastien:sunbeam.example', '@chloe:sunbeam.example', '@dara:sunbeam.example'];
const PATHS = ['/api/v1.0/threads/', '/api/v1.0/messages/?thread=', '/api/v1.0/mailboxes/', '/api/v1.0/users/me/', '/static/js/main.js'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Safari/605.1.15', 'Element/1.11.85', 'git/2.47.0'];
const HOSTS: [string, string[]][] = [
  ['messages.sunbeam.example', PATHS],
  ['matrix.sunbeam.example', ['/_matrix/client/v3/sync?since=s1234_5678&timeout=30000', '/_matrix/client/v3/rooms/!ops:sunbeam.example/send/m.room.message/m1732', '/_matrix/client/versions']],
  ['git.sunbeam.example', ['/sunbeam/console.git/info/refs?service=git-upload-pack', '/sunbeam/box/pulls', '/api/v1/repos/search?q=']],
  ['drive.sunbeam.example', ['/api/v1.0/items/', '/api/v1.0/items/3f2a/children/', '/media/preview/3f2a.png']],
  ['grafana.sunbeam.example', ['/api/ds/query', '/api/search?query=', '/api/live/ws']],
];

function pid(env: LineEnv, key = 'pid', lo = 1000, hi = 60000): number {
  return (env.n[key] ??= int(lo, hi));
}

function bump(env: LineEnv, key: string): number {
  env.n[key] = (env.n[key] ?? int(100, 900)) + 1;
  return env.n[key]!;
}

export function normalLines(kind: ContainerKind, env: LineEnv, t: Date): string[] {
  const w = env.world;
  switch (kind) {
    case 'pingora': {
      const [host, paths] = pick(HOSTS);
      const path = pick(paths);
      if (!env.deps.linkerd) {
        return [`10.42.0.1 - - [${clfTime(t)}] "GET ${path} HTTP/1.1" 502 0 "-" "${pick(AGENTS)}" ${(Math.random() * 0.01).toFixed(3)} host=${host} upstream_error="connect to linkerd-dst.linkerd.svc:8086 failed: Connection refused"`];
      }
      if (w.hasFault('cert-expired') && Math.random() < 0.25) {
        return [`${isoMs(t)} WARN pingora_core::listeners::tls: TLS handshake failed: peer rejected certificate for ${host} (certificate has expired, notAfter in the past) client=${int(80, 220)}.${int(1, 250)}.${int(1, 250)}.${int(1, 250)}`];
      }
      const method = pick(['GET', 'GET', 'GET', 'POST']);
      const status = method === 'POST' ? pick([200, 201, 204]) : pick([200, 200, 200, 200, 304, 404]);
      const size = status === 204 || status === 304 ? 0 : int(120, 48000);
      return [`10.42.0.1 - - [${clfTime(t)}] "${method} ${path} HTTP/2.0" ${status} ${size} "-" "${pick(AGENTS)}" ${(Math.random() * 0.2).toFixed(3)} host=${host}`];
    }
    case 'coredns':
      return [`[INFO] 10.42.0.${int(11, 60)}:${int(30000, 60000)} - ${int(1000, 65000)} "${pick(['A', 'AAAA'])} IN ${pick(['postgres-rw.data.svc.cluster.local.', 'openbao.openbao.svc.cluster.local.', 'api.mistral.ai.', 'seaweedfs-filer.storage.svc.cluster.local.', 'smtp.tem.scw.cloud.'])} udp ${int(40, 90)} false 512" NOERROR qr,aa,rd ${int(90, 200)} ${(Math.random() * 0.002).toFixed(6)}s`];
    case 'django':
      if (Math.random() < 0.03) return [json({ time: isoMs(t), level: 'warning', logger: 'django.request', message: `Not Found: ${pick(['/favicon.ico', '/api/v1.0/threads/0/', '/wp-login.php'])}`, status_code: 404, request_id: `req-${bump(env, 'req')}` })];
      return [json({ time: isoMs(t), level: pick(['info', 'info', 'info', 'debug']), logger: 'django.request', message: `${pick(['GET', 'GET', 'POST'])} ${pick(PATHS)} ${pick([200, 200, 200, 201, 304])}`, duration_ms: int(4, 180), user_id: int(1, 40), request_id: `req-${bump(env, 'req')}` })];
    case 'celery':
      return [json({ time: isoMs(t), level: 'info', logger: 'celery.app.trace', message: `Task ${pick(['messages.tasks.deliver_outbound', 'messages.tasks.index_thread', 'messages.tasks.sync_mailbox'])}[${int(10000000, 99999999).toString(16)}-${int(1000, 9999)}] succeeded in ${(Math.random() * 2).toFixed(3)}s: None`, worker: `ForkPoolWorker-${int(1, 4)}` })];
    case 'sol':
      return [solLine(env, t)];
    case 'postgres':
      return [postgresLine(env, t)];
    case 'barman':
      if (!env.deps.postgres) {
        return [`${pyTime(t)} [${pid(env)}] barman.server ERROR: ArchiverFailure:pg_receivewal\n\tpg_receivewal: error: connection to server at "postgres-rw.data.svc" (10.43.118.24), port 5432 failed: Connection refused`];
      }
      return [`${pyTime(t)} [${pid(env)}] barman.wal_archiver INFO: Found ${int(1, 3)} xlog segments from streaming for postgres. Archive all segments in one run.`];
    case 'cnpg':
      if (!env.deps.postgres) {
        return [json({ level: 'error', ts: isoMs(t), msg: 'Reconciler error', controller: 'cluster', controllerGroup: 'postgresql.cnpg.io', controllerKind: 'Cluster', namespace: 'data', name: 'postgres', error: 'failing over: no instance is ready to be promoted; instance postgres-1: connection refused (postgres-1.data.svc:8000/pg/status)' })];
      }
      return [json({ level: 'info', ts: isoMs(t), msg: pick(['Reconciling Cluster', 'Cluster is healthy', 'Backup reconciled', 'ScheduledBackup checked']), controller: 'cluster', controllerGroup: 'postgresql.cnpg.io', controllerKind: 'Cluster', Cluster: { name: 'postgres', namespace: 'data' }, namespace: 'data', name: 'postgres', reconcileID: `${int(10000000, 99999999).toString(16)}-${int(1000, 9999)}` })];
    case 'openbao': {
      const r = w.bao.view(env.pod);
      if (!r || r.sealed) return [`${isoMs(t)} [INFO]  core: security barrier sealed: seal status: sealed=true t=${w.bao.threshold} n=${w.bao.shares} progress=${r?.progress ?? 0}`];
      if (!r.active) return [`${isoMs(t)} [INFO]  core: ${w.bao.leader ? `standby: forwarding requests to the active node ${w.bao.leader}.openbao-internal:8201` : 'entering standby mode: waiting for a raft leader (no quorum)'}`];
      return [`${isoMs(t)} [INFO]  ${pick(['expiration: revoked lease: lease_id=database/creds/messages/' + int(100000, 999999), 'secrets.database.database_7c1f2a: rotated credentials for role messages', 'core: successful token renewal: accessor=hmac-sha256:sim', 'expiration: lease restore complete'])}`];
    }
    case 'vso':
      if (!env.deps.vault) {
        return [json({ level: 'error', ts: isoMs(t), logger: 'VaultDynamicSecret', msg: 'Failed to get Vault client', controller: 'vaultdynamicsecret', namespace: pick(['messages', 'matrix', 'gitea', 'drive']), error: 'Error making API request.\n\nURL: PUT https://openbao.openbao.svc:8200/v1/auth/kubernetes/login\nCode: 503. Errors:\n\n* Vault is sealed' })];
      }
      return [json({ level: 'info', ts: isoMs(t), logger: 'VaultDynamicSecret', msg: 'Synced secret', controller: 'vaultdynamicsecret', namespace: pick(['messages', 'matrix', 'gitea', 'drive']), rotation: true, leaseDuration: '5m0s' })];
    case 'cert-manager':
      if (w.hasFault('cert-expired')) {
        return [klog(t, 'E', 'controller.go:162', `"re-queuing item due to error processing" err="Failed to wait for order resource \\"pingora-tls-2-3871244901\\" to become ready: order is in \\"invalid\\" state: " logger="cert-manager.controller" key="ingress/pingora-tls"`)];
      }
      return [klog(t, 'I', pick(['trigger_controller.go:223', 'sync.go:104', 'controller.go:162']), pick([`"Not re-issuing certificate as conditions are satisfied" logger="cert-manager.certificates-trigger" key="ingress/pingora-tls"`, `"certificate does not need renewal" logger="cert-manager.certificates-readiness" key="ingress/pingora-tls"`, `"syncing item" logger="cert-manager.ingress-shim" key="ingress/messages"`]))];
    case 'cainjector':
      return [klog(t, 'I', 'reconciler.go:142', `"Updated object" logger="cert-manager" kind="validatingwebhookconfiguration" name="cert-manager-webhook"`)];
    case 'webhook':
      return [klog(t, 'I', 'dynamic_source.go:255', `"Updated cert-manager TLS certificate" logger="cert-manager.webhook.webhook" DNSNames=["cert-manager-webhook","cert-manager-webhook.cert-manager","cert-manager-webhook.cert-manager.svc"]`)];
    case 'seaweed-master':
      return [glog(t, 'I', 'master_grpc_server.go:356', `+ client .filer@10.42.0.${int(20, 60)}:8888`)];
    case 'seaweed-volume':
      return [glog(t, 'I', pick(['volume_grpc_client_to_master.go:181', 'store.go:540']), pick([`volume server 10.42.0.${int(20, 60)}:8080 heartbeat to master seaweedfs-master-0.seaweedfs-master:9333`, `In dir /data adds volume:${int(1, 40)} collection: replicaPlacement:000 ttl:`]))];
    case 'seaweed-filer':
      if (!env.deps.seaweedfs) {
        return [glog(t, 'E', pick(['filer_server_handlers_write_upload.go:91', 'stream.go:139']), `upload to volume server 10.42.0.31:8080: Post "http://seaweedfs-volume-0.seaweedfs-volume:8080/${int(1, 40)},${int(100000, 999999).toString(16)}": dial tcp 10.42.0.31:8080: connect: connection refused`)];
      }
      return [glog(t, 'I', 'filer_server_handlers_read.go:116', `GET /buckets/${pick(['drive', 'gitea-lfs', 'messages-attachments'])}/${int(1000, 9999).toString(16)} 200`)];
    case 'synapse':
      return [`${pyTime(t)} - synapse.access.http.8008 - 461 - INFO - GET-${bump(env, 'req')} - 10.42.0.1 - 8008 - {${pick(USERS)}} Processed request: ${(Math.random() * 0.1).toFixed(3)}sec/0.000sec (0.004sec, 0.000sec) (0.002sec/0.003sec/2) ${int(200, 9000)}B 200 "GET /_matrix/client/v3/sync?timeout=30000 HTTP/1.1" "Element/1.11.85" [0 dbevts]`];
    case 'prometheus':
      return [logfmt({ ts: isoMs(t), caller: pick(['head.go:1327', 'compact.go:576', 'db.go:1011']), level: 'info', component: 'tsdb', msg: pick(['Head GC completed', 'write block', 'Deleting obsolete block']), duration: `${int(5, 900)}ms` })];
    case 'alertmanager':
      return [logfmt({ ts: isoMs(t), caller: 'dispatch.go:353', level: 'debug', component: 'dispatcher', msg: 'Processing alert', alert: pick(['Watchdog[ae8f1e7][active]', 'KubePodCrashLooping[2f1c3a9][active]']) })];
    case 'grafana':
      return [logfmt({ logger: 'context', userId: 1, orgId: 1, uname: 'admin', t: isoMs(t), level: 'info', msg: 'Request Completed', method: 'GET', path: pick(['/api/ds/query', '/api/dashboards/uid/infrastructure', '/api/alertmanager/grafana/api/v2/alerts']), status: 200, remote_addr: '10.42.0.1', time_ms: int(2, 80), size: int(100, 40000) })];
    case 'loki':
      return [logfmt({ level: 'info', ts: isoMs(t), caller: 'metrics.go:217', component: 'querier', org_id: 'fake', latency: 'fast', query: '{namespace="messages"}', query_type: 'limited', range_type: 'range', length: '1h0m0s', status: 200, throughput: `${int(1, 90)}MB`, total_bytes: `${int(1, 40)}MB` })];
    case 'receiver':
      if (w.hasFault('matrix-bot-token')) {
        return [
          `time=${isoMs(t)} level=INFO msg="received alerts" path=/alerts/ops count=${int(1, 3)}`,
          `time=${isoMs(t)} level=ERROR msg="failed to send message to Matrix" room="!opsRoomId:sunbeam.example" err="M_UNKNOWN_TOKEN: Invalid access token passed. (HTTP 401)"`,
        ];
      }
      return [`time=${isoMs(t)} level=INFO msg="received alerts" path=/alerts/ops count=${int(1, 2)}`, `time=${isoMs(t)} level=INFO msg="message sent" room="!opsRoomId:sunbeam.example" event_id="$${int(100000, 999999)}sim"`];
    case 'postfix': {
      const q = int(0x10000, 0xfffff).toString(16).toUpperCase();
      return [`${syslogTime(t)} ${env.pod} postfix/smtp[${pid(env)}]: ${q}: to=<${pick(['client', 'billing', 'team'])}@${pick(['example.org', 'example.net'])}>, relay=smtp.tem.scw.cloud[51.159.${int(1, 250)}.${int(1, 250)}]:587, delay=${(Math.random() * 2).toFixed(2)}, delays=0.02/0/0.31/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${int(100000, 999999)})`];
    }
    case 'gitea':
      if (!env.deps.seaweedfs && Math.random() < 0.4) {
        return [`${goTime(t)} ...s/lfs/content_store.go:63:Get() [E] Whilst trying to read LFS OID[${int(1e8, 9e8).toString(16)}]: Error: dial tcp 10.43.12.40:8333: connect: connection refused`];
      }
      return [`${goTime(t)} ...eb/routing/logger.go:102:func1() [I] router: completed ${pick(['GET /sunbeam/box', 'GET /api/v1/repos/search', 'POST /sunbeam/console.git/git-upload-pack'])} for 10.42.0.1:0, 200 OK in ${(Math.random() * 40).toFixed(1)}ms @ ${pick(['repo/view.go:1040(repo.Home)', 'repo/repo.go:176(repo.Search)'])}`];
    case 'drive':
      if (!env.deps.seaweedfs) {
        return [json({ time: isoMs(t), level: 'error', logger: 'drive.storage', message: 'S3 upload failed: Could not connect to the endpoint URL: "http://seaweedfs-filer.storage.svc:8333/drive/items/3f2a"' })];
      }
      return [json({ time: isoMs(t), level: 'info', logger: 'django.request', message: `${pick(['GET', 'PUT'])} /api/v1.0/items/ 200`, duration_ms: int(5, 200) })];
    case 'linkerd-destination':
      return [`time="${isoMs(t).replace(/\.\d+Z$/, 'Z')}" level=info msg="${pick(['Establishing watch on endpoint', 'Stopping watch on endpoint'])} ${pick(['messages/messages', 'matrix/synapse', 'gitea/gitea'])}:${pick([8000, 8008, 3000])}" addr=":8086" component=endpoints-watcher`];
    case 'linkerd-identity':
      return [`time="${isoMs(t).replace(/\.\d+Z$/, 'Z')}" level=info msg="issued certificate for ${pick(['messages.messages', 'synapse.matrix', 'sol.matrix', 'gitea.gitea', 'drive.drive', 'pingora.ingress'])}.serviceaccount.identity.linkerd.cluster.local until ${new Date(t.getTime() + 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')}: ${int(1e15, 9e15).toString(16)}"`];
    case 'linkerd-injector':
      return [`time="${isoMs(t).replace(/\.\d+Z$/, 'Z')}" level=info msg="received admission review request \\"${int(1e8, 9e8).toString(16)}\\"" addr=":8443"`];
    case 'job':
      return [];
  }
}

function solLine(env: LineEnv, t: Date): string {
  const r = Math.random();
  if (r < 0.4) return json({ time: isoMs(t), level: 'info', logger: 'sol.matrix', message: 'sync completed', next_batch: `s${bump(env, 'batch')}_${int(1000, 9999)}`, rooms: int(3, 12), duration_ms: int(80, 30000) });
  if (r < 0.7) return json({ time: isoMs(t), level: 'info', logger: 'sol.mistral', message: 'chat completion', model: 'mistral-large-latest', stream: true, ttft_ms: int(180, 900), tokens: int(20, 700), status: 200 });
  if (r < 0.02) return json({ time: isoMs(t), level: 'warning', logger: 'sol.mistral', message: 'rate limited by the Mistral API (429); retrying', retry_after_s: int(1, 4) });
  if (r < 0.9) return json({ time: isoMs(t), level: 'info', logger: 'sol.tools', message: 'tool call', tool: pick(['search_archive', 'create_issue', 'summarize_thread', 'schedule_meeting']), room: '!team:sunbeam.example', duration_ms: int(20, 2000), ok: true });
  return json({ time: isoMs(t), level: 'debug', logger: 'sol.state', message: 'conversation compacted', room: '!team:sunbeam.example', messages: int(40, 200) });
}

function postgresLine(env: LineEnv, t: Date): string {
  const pfx = `${pgTime(t)} [${int(100, 9999)}]`;
  const r = Math.random();
  if (r < 0.15) return `${pgTime(t)} [${pid(env, 'ckpt', 40, 90)}] LOG:  checkpoint starting: time`;
  if (r < 0.3) {
    return `${pgTime(t)} [${pid(env, 'ckpt', 40, 90)}] LOG:  checkpoint complete: wrote ${int(10, 900)} buffers (${(Math.random() * 3).toFixed(1)}%); 0 WAL file(s) added, 0 removed, ${int(0, 2)} recycled; write=${(Math.random() * 30).toFixed(3)} s, sync=0.0${int(10, 99)} s, total=${(Math.random() * 30).toFixed(3)} s; sync files=${int(5, 60)}, longest=0.004 s, average=0.001 s; distance=${int(100, 9000)} kB, estimate=${int(1000, 9000)} kB; lsn=A/${int(0x10000000, 0xffffffff).toString(16).toUpperCase()}, redo lsn=A/${int(0x10000000, 0xffffffff).toString(16).toUpperCase()}`;
  }
  if (r < 0.55) return `${pfx} LOG:  connection received: host=10.42.0.${int(11, 60)} port=${int(30000, 60000)}`;
  if (r < 0.8) return `${pfx} LOG:  connection authorized: user=${pick(['messages', 'synapse', 'gitea', 'drive', 'sol'])} database=${pick(['messages', 'synapse', 'gitea', 'drive', 'sol'])} SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)`;
  if (r < 0.95) return `${pfx} LOG:  disconnection: session time: 0:${String(int(0, 59)).padStart(2, '0')}:${(Math.random() * 59).toFixed(3).padStart(6, '0')} user=${pick(['messages', 'synapse'])} database=${pick(['messages', 'synapse'])} host=10.42.0.${int(11, 60)} port=${int(30000, 60000)}`;
  return `${pfx} LOG:  automatic vacuum of table "${pick(['messages.public.messages_message', 'synapse.public.events', 'gitea.public.action'])}": index scans: 1`;
}
