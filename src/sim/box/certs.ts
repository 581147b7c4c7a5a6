// cert-manager: ingress-shim (annotated Ingresses own their Certificates; a deleted one is recreated) and
// ACME HTTP-01 issuance (CertificateRequest -> Order -> Challenges with solver Ingresses -> Ready), also
// when a client adds the Issuing condition (cmctl renew, reason ManuallyTriggered).
import type { K8sObject, StoreEvent } from '../k8s/object-store.js';
import { randomSuffix } from '../k8s/object-store.js';
import type { Ctx } from './context.js';
import { newPod } from './pods.js';
import { type Condition, DAY, controllerOf, getCondition, int, iso, placeholder, refTo, setCondition } from './util.js';

const CERTS = 'certificates.cert-manager.io';
const CRS = 'certificaterequests.cert-manager.io';
const ORDERS = 'orders.acme.cert-manager.io';
const CHALLENGES = 'challenges.acme.cert-manager.io';
const SRC = { component: 'cert-manager-certificates-issuing' };
const ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];
export const CERT_LIFETIME = 90 * DAY;

function digits(n: number): string {
  let s = String(int(1, 9));
  while (s.length < n) s += String(int(0, 9));
  return s;
}

function token(): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let i = 0; i < 43; i++) s += a[int(0, a.length - 1)];
  return s;
}

/** A certificate's times: renewal at two thirds of the lifetime (cert-manager's default renewBefore). */
export function certTimes(notBefore: number, lifetime = CERT_LIFETIME): { notBefore: string; notAfter: string; renewalTime: string } {
  const notAfter = notBefore + lifetime;
  return { notBefore: iso(notBefore), notAfter: iso(notAfter), renewalTime: iso(notAfter - Math.floor(lifetime / 3 / 1000) * 1000) };
}

export class CertManager {
  private readonly inFlight = new Set<string>();
  private unsubscribe?: () => void;

  constructor(private readonly ctx: Ctx) {}

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((e) => this.onEvent(e));
    for (const ing of this.ctx.store.list('ingresses.networking.k8s.io')) this.shim(ing.metadata.namespace!, ing.metadata.name);
  }

  stop(): void {
    this.unsubscribe?.();
  }

  private onEvent(e: StoreEvent): void {
    const o = e.object;
    const ns = o.metadata.namespace!;
    if (e.key === CERTS) {
      if (e.type === 'DELETED') {
        this.inFlight.delete(`${ns}/${o.metadata.name}`);
        const owner = controllerOf(o);
        if (owner?.kind === 'Ingress') this.ctx.sched.soon(`shim/${ns}/${owner.name}`, () => this.shim(ns, owner.name));
      } else {
        this.ctx.sched.soon(`cert/${ns}/${o.metadata.name}`, () => this.certificate(ns, o.metadata.name));
      }
    } else if (e.key === 'ingresses.networking.k8s.io' && e.type !== 'DELETED') {
      this.ctx.sched.soon(`shim/${ns}/${o.metadata.name}`, () => this.shim(ns, o.metadata.name));
    }
  }

  /** ingress-shim: every TLS entry of an annotated Ingress has a Certificate named after its secret. */
  shim(ns: string, name: string): void {
    const { store } = this.ctx;
    const ing = store.get('ingresses.networking.k8s.io', ns, name);
    if (!ing || ing.metadata.deletionTimestamp) return;
    const ann = ing.metadata.annotations ?? {};
    const key = ISSUER_ANNOTATIONS.find((k) => ann[k]);
    if (!key) return;
    for (const tls of ing.spec?.tls ?? []) {
      if (!tls.secretName || store.get(CERTS, ns, tls.secretName)) continue;
      const hosts = new Set<string>(tls.hosts ?? []);
      for (const other of store.list('ingresses.networking.k8s.io', ns)) {
        if (!ISSUER_ANNOTATIONS.some((k) => other.metadata.annotations?.[k])) continue;
        for (const t of other.spec?.tls ?? []) if (t.secretName === tls.secretName) for (const h of t.hosts ?? []) hosts.add(h);
      }
      store.create(CERTS, {
        metadata: { name: tls.secretName, namespace: ns, labels: ing.metadata.labels ?? {}, ownerReferences: [refTo('ingresses.networking.k8s.io', ing)] },
        spec: {
          dnsNames: [...hosts],
          issuerRef: { group: 'cert-manager.io', kind: key.endsWith('cluster-issuer') ? 'ClusterIssuer' : 'Issuer', name: ann[key] },
          secretName: tls.secretName,
          usages: ['digital signature', 'key encipherment'],
        },
      });
    }
  }

  /** Start an issuance when the Certificate is new or someone set Issuing=True. */
  certificate(ns: string, name: string): void {
    const cert = this.ctx.store.get(CERTS, ns, name);
    const key = `${ns}/${name}`;
    if (!cert || this.inFlight.has(key)) return;
    const issuing = getCondition(cert, 'Issuing');
    const ready = getCondition(cert, 'Ready');
    if (issuing?.status === 'True') return this.issue(cert, issuing.reason ?? 'ManuallyTriggered', issuing.message ?? 'Certificate re-issuance manually triggered');
    if (!ready) {
      const secret = this.ctx.store.get('secrets', ns, cert.spec.secretName);
      if (!secret) return this.issue(cert, 'DoesNotExist', 'Issuing certificate as Secret does not exist');
      if (this.ctx.world.hasFault('cert-expired')) return this.issue(cert, 'Expired', `Issuing certificate as Secret contains an expired certificate`);
      return this.issue(cert, 'SecretMismatch', 'Issuing certificate as Secret was previously issued by a different Certificate');
    }
  }

  private issue(cert: K8sObject, reason: string, message: string): void {
    const { store, sched, events } = this.ctx;
    const ns = cert.metadata.namespace!;
    const name = cert.metadata.name;
    const uid = cert.metadata.uid;
    const key = `${ns}/${name}`;
    this.inFlight.add(key);
    const alive = () => {
      const c = store.get(CERTS, ns, name);
      if (c?.metadata.uid === uid) return c;
      this.inFlight.delete(key);
      return undefined;
    };
    const setStatus = (fn: (s: any, conds: Condition[]) => void) =>
      store.mutate(CERTS, ns, name, (o) => {
        if (o.metadata.uid !== uid) return false;
        o.status ??= {};
        const conds: Condition[] = structuredClone(o.status.conditions ?? []);
        fn(o.status, conds);
        for (const c of conds) c.observedGeneration = o.metadata.generation;
        o.status.conditions = conds;
      }, true);
    const now = () => iso(this.ctx.now());
    const revision = (cert.status?.revision ?? 0) + 1;
    setStatus((_s, conds) => {
      if (!getCondition(cert, 'Ready')) setCondition(conds, { type: 'Ready', status: 'False', reason, message }, now());
      setCondition(conds, { type: 'Issuing', status: 'True', reason, message }, now());
    });
    events.record(cert, 'Normal', 'Issuing', message, { component: 'cert-manager-certificates-trigger' });
    const keySecret = `${name}-${randomSuffix(5)}`;
    sched.after(300, () => {
      const c = alive();
      if (!c) return;
      setStatus((s) => void (s.nextPrivateKeySecretName = keySecret));
      events.record(c, 'Normal', 'Generated', `Stored new private key in temporary Secret resource "${keySecret}"`, { component: 'cert-manager-certificates-key-manager' });
      sched.after(300, () => {
        const c2 = alive();
        if (c2) this.request(c2, revision, keySecret, () => this.finish(uid!, ns, name, revision));
      });
    });
  }

  private request(cert: K8sObject, revision: number, keySecret: string, done: () => void): void {
    const { store, sched, events } = this.ctx;
    const ns = cert.metadata.namespace!;
    const crName = `${cert.metadata.name}-${revision}`;
    const now = () => iso(this.ctx.now());
    if (store.get(CRS, ns, crName)) store.delete(CRS, ns, crName);
    const cr = store.create(CRS, {
      metadata: {
        name: crName,
        namespace: ns,
        labels: cert.metadata.labels ?? {},
        annotations: {
          'cert-manager.io/certificate-name': cert.metadata.name,
          'cert-manager.io/certificate-revision': String(revision),
          'cert-manager.io/private-key-secret-name': keySecret,
        },
        ownerReferences: [refTo(CERTS, cert)],
      },
      spec: {
        issuerRef: cert.spec.issuerRef,
        request: placeholder('-----BEGIN CERTIFICATE REQUEST-----\nsim-placeholder\n-----END CERTIFICATE REQUEST-----\n'),
        usages: cert.spec.usages,
        username: 'system:serviceaccount:cert-manager:cert-manager',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:cert-manager', 'system:authenticated'],
        uid: cert.metadata.uid,
      },
    });
    events.record(cert, 'Normal', 'Requested', `Created new CertificateRequest resource "${crName}"`, { component: 'cert-manager-certificates-request-manager' });
    const orderName = `${crName}-${digits(10)}`;
    const setCr = (conds: Condition[], extra: Record<string, unknown> = {}) =>
      store.mutate(CRS, ns, crName, (o) => void (o.status = { ...o.status, ...extra, conditions: conds }), true);
    const approved: Condition = { type: 'Approved', status: 'True', reason: 'cert-manager.io', message: 'Certificate request has been approved by cert-manager.io', lastTransitionTime: now() };
    setCr([approved, { type: 'Ready', status: 'False', reason: 'Pending', message: `Waiting on certificate issuance from order ${ns}/${orderName}: ""`, lastTransitionTime: now() }]);
    events.record(cr, 'Normal', 'cert-manager.io', 'Certificate request has been approved by cert-manager.io', { component: 'cert-manager-certificaterequests-approver' });
    sched.after(300, () => {
      if (!store.get(CRS, ns, crName)) return;
      const order = store.create(ORDERS, {
        metadata: { name: orderName, namespace: ns, labels: cert.metadata.labels ?? {}, annotations: { 'cert-manager.io/certificate-name': cert.metadata.name }, ownerReferences: [refTo(CRS, cr)] },
        spec: { commonName: cert.spec.dnsNames?.[0], dnsNames: cert.spec.dnsNames, issuerRef: cert.spec.issuerRef, request: cr.spec.request },
      });
      events.record(cr, 'Normal', 'OrderCreated', `Created Order resource ${ns}/${orderName}`, { component: 'cert-manager-certificaterequests-issuer-acme' });
      const acct = digits(10);
      const orderUrl = `https://acme-v02.api.letsencrypt.org/acme/order/${acct}/${digits(11)}`;
      const authz = (cert.spec.dnsNames as string[]).map((d) => ({ d, url: `https://acme-v02.api.letsencrypt.org/acme/authz-v3/${digits(11)}`, tok: token() }));
      store.mutate(ORDERS, ns, orderName, (o) => {
        o.status = {
          state: 'pending',
          url: orderUrl,
          finalizeURL: `https://acme-v02.api.letsencrypt.org/acme/finalize/${acct}/${digits(11)}`,
          authorizations: authz.map((a) => ({
            url: a.url,
            identifier: a.d,
            initialState: 'pending',
            wildcard: false,
            challenges: [{ type: 'http-01', url: `https://acme-v02.api.letsencrypt.org/acme/chall-v3/${digits(11)}/${randomSuffix(6)}`, token: a.tok }],
          })),
        };
      }, true);
      const challenges = authz.map((a) => this.challenge(order, cert, a.d, a.url, a.tok));
      sched.after(1_500, () => {
        if (!store.get(ORDERS, ns, orderName)) return;
        for (const ch of challenges) {
          const c = store.mutate(CHALLENGES, ns, ch, (o) => void (o.status = { presented: false, processing: false, reason: 'Successfully authorized domain', state: 'valid' }), true);
          if (c) events.record(c, 'Normal', 'DomainVerified', `Domain "${c.spec.dnsName}" verified with "HTTP-01" validation`, { component: 'cert-manager-challenges' });
        }
        store.mutate(ORDERS, ns, orderName, (o) => {
          o.status = { ...o.status, state: 'valid', certificate: placeholder('-----BEGIN CERTIFICATE-----\nsim-placeholder\n-----END CERTIFICATE-----\n') };
          for (const a of o.status.authorizations ?? []) a.initialState = 'valid';
        }, true);
        const ord = store.get(ORDERS, ns, orderName);
        if (ord) events.record(ord, 'Normal', 'Complete', 'Order completed successfully', { component: 'cert-manager-orders' });
        sched.after(300, () => {
          for (const ch of challenges) if (store.get(CHALLENGES, ns, ch)) store.delete(CHALLENGES, ns, ch);
          if (!store.get(CRS, ns, crName)) return;
          setCr([approved, { type: 'Ready', status: 'True', reason: 'Issued', message: 'Certificate fetched from issuer successfully', lastTransitionTime: now() }], {
            certificate: placeholder('-----BEGIN CERTIFICATE-----\nsim-placeholder\n-----END CERTIFICATE-----\n'),
          });
          events.record(cr, 'Normal', 'CertificateIssued', 'Certificate fetched from issuer successfully', { component: 'cert-manager-certificaterequests-issuer-acme' });
          sched.after(200, done);
        });
      });
    });
  }

  /** A Challenge with its HTTP-01 solver pod, Service and Ingress (routing /.well-known/acme-challenge/<token>). */
  private challenge(order: K8sObject, cert: K8sObject, dnsName: string, authzUrl: string, tok: string): string {
    const { store, events } = this.ctx;
    const ns = order.metadata.namespace!;
    const chName = `${order.metadata.name}-${digits(10)}`;
    const ch = store.create(CHALLENGES, {
      metadata: { name: chName, namespace: ns, ownerReferences: [refTo(ORDERS, order)], finalizers: [] },
      spec: {
        authorizationURL: authzUrl,
        dnsName,
        issuerRef: cert.spec.issuerRef,
        key: `${tok}.sim-placeholder-thumbprint`,
        solver: { http01: { ingress: { ingressClassName: 'pingora' } } },
        token: tok,
        type: 'HTTP-01',
        url: `https://acme-v02.api.letsencrypt.org/acme/chall-v3/${digits(11)}/${randomSuffix(6)}`,
        wildcard: false,
      },
    });
    store.mutate(CHALLENGES, ns, chName, (o) => {
      o.status = { presented: true, processing: true, reason: `Waiting for HTTP-01 challenge propagation: failed to perform self check GET request 'http://${dnsName}/.well-known/acme-challenge/${tok}': connection is being established`, state: 'pending' };
    }, true);
    events.record(ch, 'Normal', 'Started', 'Challenge scheduled for processing', { component: 'cert-manager-challenges' });
    const solver = `cm-acme-http-solver-${randomSuffix(5)}`;
    const labels = { 'acme.cert-manager.io/http-domain': digits(10), 'acme.cert-manager.io/http-token': digits(10), 'acme.cert-manager.io/http01-solver': 'true' };
    const owner = refTo(CHALLENGES, ch);
    store.create('pods', newPod({
      metadata: { labels },
      spec: {
        containers: [{ name: 'acmesolver', image: 'quay.io/jetstack/cert-manager-acmesolver:v1.16.2', args: ['--listen-port=8089', `--domain=${dnsName}`, `--token=${tok}`, '--key=sim-placeholder'], ports: [{ name: 'http', containerPort: 8089, protocol: 'TCP' }], resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } } }],
        restartPolicy: 'OnFailure',
        dnsPolicy: 'ClusterFirst',
      },
    }, ns, `cm-acme-http-solver-${randomSuffix(5)}`, {}, owner, iso(this.ctx.now())));
    store.create('services', {
      metadata: { name: solver, namespace: ns, labels, annotations: { 'auth.istio.io/8089': 'NONE' }, ownerReferences: [owner] },
      spec: { type: 'NodePort', clusterIP: `10.43.${int(1, 250)}.${int(1, 250)}`, ports: [{ name: 'http', port: 8089, protocol: 'TCP', targetPort: 8089, nodePort: int(30000, 32767) }], selector: labels },
      status: { loadBalancer: {} },
    });
    store.create('ingresses.networking.k8s.io', {
      metadata: { name: `cm-acme-http-solver-${randomSuffix(5)}`, namespace: ns, labels, annotations: { 'nginx.ingress.kubernetes.io/whitelist-source-range': '0.0.0.0/0,::/0' }, ownerReferences: [owner] },
      spec: {
        ingressClassName: 'pingora',
        rules: [{ host: dnsName, http: { paths: [{ path: `/.well-known/acme-challenge/${tok}`, pathType: 'ImplementationSpecific', backend: { service: { name: solver, port: { number: 8089 } } } }] } }],
      },
      status: { loadBalancer: { ingress: [{ ip: '10.0.0.10' }] } },
    });
    events.record(ch, 'Normal', 'Presented', 'Presented challenge using HTTP-01 challenge mechanism', { component: 'cert-manager-challenges' });
    return chName;
  }

  private finish(uid: string, ns: string, name: string, revision: number): void {
    const { store, events } = this.ctx;
    const key = `${ns}/${name}`;
    const cert = store.get(CERTS, ns, name);
    if (!cert || cert.metadata.uid !== uid) {
      this.inFlight.delete(key);
      return;
    }
    const t = certTimes(Date.parse(iso(this.ctx.now())));
    const secretName = cert.spec.secretName;
    const secret = {
      metadata: {
        name: secretName,
        namespace: ns,
        labels: { 'controller.cert-manager.io/fao': 'true' },
        annotations: {
          'cert-manager.io/alt-names': (cert.spec.dnsNames ?? []).join(','),
          'cert-manager.io/certificate-name': name,
          'cert-manager.io/common-name': cert.spec.dnsNames?.[0] ?? '',
          'cert-manager.io/ip-sans': '',
          'cert-manager.io/issuer-group': cert.spec.issuerRef?.group ?? 'cert-manager.io',
          'cert-manager.io/issuer-kind': cert.spec.issuerRef?.kind ?? 'ClusterIssuer',
          'cert-manager.io/issuer-name': cert.spec.issuerRef?.name ?? '',
          'cert-manager.io/uri-sans': '',
        },
      },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': placeholder(`sim-placeholder certificate revision ${revision}`), 'tls.key': placeholder('sim-placeholder') },
    };
    if (store.get('secrets', ns, secretName)) {
      store.mutate('secrets', ns, secretName, (s) => {
        s.metadata.labels = { ...s.metadata.labels, ...secret.metadata.labels };
        s.metadata.annotations = { ...s.metadata.annotations, ...secret.metadata.annotations };
        s.data = secret.data;
      });
    } else {
      store.create('secrets', secret);
    }
    store.mutate(CERTS, ns, name, (o) => {
      if (o.metadata.uid !== uid) return false;
      const conds: Condition[] = structuredClone(o.status?.conditions ?? []).filter((c: Condition) => c.type !== 'Issuing');
      setCondition(conds, { type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired' }, iso(this.ctx.now()));
      for (const c of conds) c.observedGeneration = o.metadata.generation;
      const { lastFailureTime: _l, failedIssuanceAttempts: _f, nextPrivateKeySecretName: _n, ...rest } = o.status ?? {};
      o.status = { ...rest, conditions: conds, ...t, revision };
    }, true);
    events.record(cert, 'Normal', 'Issuing', 'The certificate has been successfully issued', SRC);
    this.inFlight.delete(key);
    if (ns === 'ingress' && name === 'pingora-tls') this.ctx.world.clearFault('cert-expired');
  }
}
