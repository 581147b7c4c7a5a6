// cert-manager Certificates: not Ready, expired, or expiring within 14 days.
import type { Finding } from '../types.js';
import { ageMs, humanDuration } from '../age.js';
import type { Kube } from './util.js';

export const CERT_EXPIRY_WARN_MS = 14 * 86_400_000;

export function certificateRules(kube: Kube, now: number): Finding[] {
  const out: Finding[] = [];
  for (const c of Object.values(kube.certificates)) {
    const target = { kind: 'Certificate', namespace: c.namespace, name: c.name };
    const left = c.notAfter ? -ageMs(c.notAfter, now) : undefined;
    const expiry =
      left === undefined || !Number.isFinite(left) ? 'no expiry recorded' : left <= 0 ? `expired ${humanDuration(-left)} ago (${c.notAfter})` : `expires in ${humanDuration(left)} (${c.notAfter})`;
    const base = { namespace: c.namespace, component: c.name, target };
    if (c.ready !== 'True') {
      out.push({
        ...base,
        id: `certificate-not-ready:${c.namespace}/${c.name}`,
        severity: 'failing',
        rule: 'certificate-not-ready',
        title: `${c.namespace}/${c.name}: certificate not Ready${c.reason ? ` (${c.reason})` : ''}${left !== undefined && left <= 0 && c.reason !== 'Expired' ? ', expired' : ''}`,
        detail: `${c.message ? `${c.message}. ` : ''}It ${expiry}; issuer ${c.issuerKind}/${c.issuerName}${c.issuing ? '; an issuance is in progress' : ''}. To renew: delete it and let cert-manager recreate it (sunbeam-console cert renew ${c.namespace}/${c.name} --delete, or r here).`,
      });
    } else if (left !== undefined && left <= CERT_EXPIRY_WARN_MS) {
      out.push({
        ...base,
        id: `certificate-expiring:${c.namespace}/${c.name}`,
        severity: left <= 0 ? 'failing' : 'warn',
        rule: 'certificate-expiring',
        title: `${c.namespace}/${c.name}: certificate ${left <= 0 ? 'expired' : `expires in ${humanDuration(left)}`}`,
        detail: `It ${expiry}${c.renewalTime ? `; renewal was due ${c.renewalTime}` : ''}. cert-manager should have renewed it: check its logs (kubectl logs -n cert-manager deploy/cert-manager, or r here).`,
      });
    }
  }
  return out;
}
