import { describe, expect, it } from 'vitest';
import { certificateRows } from '../../src/runbooks/cert-list.js';
import type { CertificateRecord } from '../../src/store/records.js';

const NOW = Date.parse('2026-11-23T20:00:00Z');
const base: CertificateRecord = {
  key: 'ingress/pingora-tls', namespace: 'ingress', name: 'pingora-tls', ready: 'True', secretName: 'pingora-tls', issuerKind: 'ClusterIssuer',
  issuerName: 'letsencrypt', dnsNames: [], issuing: false, created: '2026-01-01T00:00:00Z', ownerIngress: 'messages',
};

describe('certificate rows', () => {
  it('shows Ready, notAfter, renewalTime and what is left, expired first', () => {
    const rows = certificateRows(
      [
        { ...base, notAfter: '2027-01-25T20:00:00Z', renewalTime: '2026-12-26T20:00:00Z' },
        { ...base, key: 'gitea/gitea-tls', namespace: 'gitea', name: 'gitea-tls', ready: 'False', reason: 'Expired', notAfter: '2026-11-22T20:00:00Z', renewalTime: '2026-10-23T20:00:00Z', ownerIngress: undefined },
      ],
      NOW,
    );
    expect(rows.map((r) => [r.name, r.expires, r.level, r.ingressShim])).toEqual([
      ['gitea-tls', 'EXPIRED 1 day ago', 'failing', false],
      ['pingora-tls', 'in 63 days', 'ok', true],
    ]);
    expect(rows[1]!.renewalTime).toBe('2026-12-26T20:00:00Z');
  });
});
