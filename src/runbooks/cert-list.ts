// The certificate list of the Certificate Renewal runbook (`kubectl get certificates -A` with expiry), from
// the store's records: Ready, notAfter, renewalTime and how long is left. Pure.
import type { CertificateRecord } from '../store/records.js';

export interface CertificateRow {
  key: string;
  namespace: string;
  name: string;
  ready: CertificateRecord['ready'];
  reason?: string;
  notAfter?: string;
  renewalTime?: string;
  /** "in 63 days", "EXPIRED 1 day ago", "never issued" */
  expires: string;
  level: 'ok' | 'warn' | 'failing';
  ingressShim: boolean;
}

const DAY = 86_400_000;

function daysText(ms: number): string {
  const d = Math.floor(Math.abs(ms) / DAY);
  if (d >= 1) return `${d} day${d === 1 ? '' : 's'}`;
  const h = Math.floor(Math.abs(ms) / 3_600_000);
  return h >= 1 ? `${h} h` : `${Math.max(1, Math.floor(Math.abs(ms) / 60_000))} min`;
}

export function certificateRows(records: CertificateRecord[], now: number): CertificateRow[] {
  return [...records]
    .sort((a, b) => (a.notAfter ?? '').localeCompare(b.notAfter ?? '') || a.key.localeCompare(b.key))
    .map((c) => {
      const na = c.notAfter ? Date.parse(c.notAfter) : NaN;
      const left = na - now;
      const expired = !Number.isNaN(na) && left <= 0;
      const renewalDue = c.renewalTime ? Date.parse(c.renewalTime) <= now : false;
      const level: CertificateRow['level'] = expired || c.ready === 'False' ? 'failing' : renewalDue || c.ready !== 'True' || left < 14 * DAY ? 'warn' : 'ok';
      return {
        key: c.key,
        namespace: c.namespace,
        name: c.name,
        ready: c.ready,
        reason: c.reason,
        notAfter: c.notAfter,
        renewalTime: c.renewalTime,
        expires: Number.isNaN(na) ? 'never issued' : expired ? `EXPIRED ${daysText(left)} ago` : `in ${daysText(left)}`,
        level,
        ingressShim: !!c.ownerIngress,
      };
    });
}
