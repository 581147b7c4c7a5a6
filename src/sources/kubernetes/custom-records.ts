// Custom resources (untyped JSON from CustomObjectsApi and the watch) -> store records: cert-manager
// Certificates, CloudNativePG Clusters and Backups.
import type { CertificateRecord, PgBackupRecord, PgScheduledBackupRecord, PgClusterRecord } from '../../store/index.js';
import { isoOf } from './core-records.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = { metadata?: any; spec?: any; status?: any };

function conditionMap(conds: unknown): Record<string, { status: string; reason?: string; message?: string }> {
  const out: Record<string, { status: string; reason?: string; message?: string }> = {};
  if (!Array.isArray(conds)) return out;
  for (const c of conds) if (c && typeof c.type === 'string') out[c.type] = { status: String(c.status ?? 'Unknown'), reason: c.reason, message: c.message };
  return out;
}

export function certificateRecord(o: Obj): CertificateRecord {
  const md = o.metadata ?? {};
  const ns = md.namespace ?? '';
  const conds = conditionMap(o.status?.conditions);
  const ready = conds.Ready?.status;
  const owner = (md.ownerReferences ?? []).find((r: any) => r?.kind === 'Ingress');
  const rec: CertificateRecord = {
    key: `${ns}/${md.name ?? ''}`,
    namespace: ns,
    name: md.name ?? '',
    ready: ready === 'True' || ready === 'False' ? ready : 'Unknown',
    secretName: o.spec?.secretName ?? '',
    issuerKind: o.spec?.issuerRef?.kind ?? 'Issuer',
    issuerName: o.spec?.issuerRef?.name ?? '',
    dnsNames: Array.isArray(o.spec?.dnsNames) ? o.spec.dnsNames.map(String) : [],
    issuing: conds.Issuing?.status === 'True',
    created: isoOf(md.creationTimestamp) ?? '',
  };
  if (conds.Ready?.reason) rec.reason = conds.Ready.reason;
  if (conds.Ready?.message) rec.message = String(conds.Ready.message).split('\n')[0]!.slice(0, 300);
  if (conds.Issuing?.status === 'False' && conds.Issuing.reason === 'Failed' && !rec.message) rec.message = conds.Issuing.message;
  const notAfter = isoOf(o.status?.notAfter);
  if (notAfter) rec.notAfter = notAfter;
  const renewal = isoOf(o.status?.renewalTime);
  if (renewal) rec.renewalTime = renewal;
  if (owner?.name) rec.ownerIngress = owner.name;
  if (typeof o.status?.revision === 'number') rec.revision = o.status.revision;
  return rec;
}

export function pgClusterRecord(o: Obj): PgClusterRecord {
  const md = o.metadata ?? {};
  const ns = md.namespace ?? '';
  const st = o.status ?? {};
  const conditions: Record<string, string> = {};
  for (const [k, v] of Object.entries(conditionMap(st.conditions))) conditions[k] = v.status;
  const rec: PgClusterRecord = {
    key: `${ns}/${md.name ?? ''}`,
    namespace: ns,
    name: md.name ?? '',
    instances: Number(st.instances ?? o.spec?.instances ?? 0),
    readyInstances: Number(st.readyInstances ?? 0),
    phase: st.phase ?? '',
    conditions,
    created: isoOf(md.creationTimestamp) ?? '',
  };
  if (st.phaseReason) rec.phaseReason = String(st.phaseReason);
  if (st.currentPrimary) rec.primary = String(st.currentPrimary);
  const frp = isoOf(st.firstRecoverabilityPoint);
  if (frp) rec.firstRecoverabilityPoint = frp;
  const ok = isoOf(st.lastSuccessfulBackup);
  if (ok) rec.lastSuccessfulBackup = ok;
  const failed = isoOf(st.lastFailedBackup);
  if (failed) rec.lastFailedBackup = failed;
  return rec;
}

export function pgBackupRecord(o: Obj): PgBackupRecord {
  const md = o.metadata ?? {};
  const ns = md.namespace ?? '';
  const st = o.status ?? {};
  const rec: PgBackupRecord = {
    key: `${ns}/${md.name ?? ''}`,
    namespace: ns,
    name: md.name ?? '',
    cluster: o.spec?.cluster?.name ?? '',
    method: st.method ?? o.spec?.method ?? 'barmanObjectStore',
    phase: st.phase ?? '',
    created: isoOf(md.creationTimestamp) ?? '',
  };
  if (st.error) rec.error = String(st.error).split('\n')[0]!.slice(0, 300);
  const started = isoOf(st.startedAt);
  if (started) rec.startedAt = started;
  const stopped = isoOf(st.stoppedAt);
  if (stopped) rec.stoppedAt = stopped;
  return rec;
}

export function pgScheduledBackupRecord(o: Obj): PgScheduledBackupRecord {
  const md = o.metadata ?? {};
  const ns = md.namespace ?? '';
  const rec: PgScheduledBackupRecord = {
    key: `${ns}/${md.name ?? ''}`,
    namespace: ns,
    name: md.name ?? '',
    cluster: o.spec?.cluster?.name ?? '',
    schedule: String(o.spec?.schedule ?? ''),
    suspend: o.spec?.suspend === true,
    method: o.spec?.method ?? 'barmanObjectStore',
    created: isoOf(md.creationTimestamp) ?? '',
  };
  const last = isoOf(o.status?.lastScheduleTime);
  if (last) rec.lastScheduleTime = last;
  const next = isoOf(o.status?.nextScheduleTime);
  if (next) rec.nextScheduleTime = next;
  return rec;
}
