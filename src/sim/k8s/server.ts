// The simulated Kubernetes API server: HTTPS, bearer-token authentication, discovery, the resource verbs,
// watches, logs and exec, answering errors with Status objects as the real server does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { bearerCheck } from '../http/bearer.js';
import { sendJson, sendText } from '../http/reply.js';
import { createTlsServer } from '../http/tls-server.js';
import type { Ctx, ServerDeps } from './context.js';
import { handleCreate, handleDelete, handleDeleteCollection, handleGet, handlePatch, handleUpdate } from './crud.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.js';
import { createExecWss, execParams, refuseUpgrade, runExec } from './exec-ws.js';
import { queryBool, readJson, sendError } from './http-util.js';
import { handleList, handleWatch } from './list-watch.js';
import { handleLogs } from './logs.js';
import type { ObjectStore } from './object-store.js';
import { handlePodProxy, proxyTarget, splitSchemeNamePort } from './pod-proxy.js';
import type { PodProxyProvider } from '../http/proxy.js';
import type { ExecProvider, LogProvider } from './providers.js';
import { openApiV3Doc, openApiV3Root } from './openapi.js';
import { route, type Target } from './router.js';
import { handleScale } from './scale.js';
import { ApiError, errors, qualified } from './status.js';

/** A request the simulated RBAC refuses with 403: `verb` ('get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection' or '*'), `resource` a plural or 'pods/log', 'pods/exec', 'deployments/scale'... or '*'. */
export interface ForbidRule {
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export interface ApiServerOptions {
  store: ObjectStore;
  logs: LogProvider;
  exec: ExecProvider;
  /** What listens in pods, for `pods/{name}/proxy/...`. */
  proxy?: PodProxyProvider;
  token: string;
  tls: { certPem: string; keyPem: string };
  forbid?: ForbidRule[];
  /** The server closes each watch after a random time in this range (ms); default 30–90 s, as a real one now and then does. */
  watchLifetimeMs?: [number, number];
  bookmarkIntervalMs?: number;
  /** The user name in 403 messages. */
  user?: string;
  /** Sees every request (method and path with query), for tests and debugging. */
  onRequest?: (method: string, url: string) => void;
}

export interface ApiServer {
  readonly server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  setForbidden(rules: ForbidRule[]): void;
  /** Ends every open watch now, as a real server's request timeout does; clients re-watch. */
  closeWatches(): void;
  /** Ends every open pods/log follow now (the response ends, as when the kubelet's stream drops); clients resume. */
  closeLogStreams(): void;
}

function forbidden(user: string, verb: string, t: Extract<Target, { kind: 'resource' }>): ApiError {
  const resource = t.subresource ? `${t.type.plural}/${t.subresource}` : t.type.plural;
  const scope = t.namespace ? `in the namespace "${t.namespace}"` : 'at the cluster scope';
  const subject = `${qualified(t.type.plural, t.type.group)}${t.name ? ` "${t.name}"` : ''}`;
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${t.type.group}" ${scope}`,
    reason: 'Forbidden',
    details: { name: t.name, group: t.type.group || undefined, kind: t.type.plural },
    code: 403,
  });
}

function verbOf(method: string, t: Extract<Target, { kind: 'resource' }>, q: URLSearchParams): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (t.subresource === 'exec') return 'create';
      if (!t.name) return queryBool(q, 'watch') ? 'watch' : 'list';
      return queryBool(q, 'watch') ? 'watch' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return t.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export function createApiServer(opts: ApiServerOptions): ApiServer {
  const user = opts.user ?? 'sunbeam-oncall';
  let rules = [...(opts.forbid ?? [])];
  const [minLife, maxLife] = opts.watchLifetimeMs ?? [30_000, 90_000];
  const streams = new Map<() => void, 'watch' | 'log' | 'exec'>();
  const deps: ServerDeps = {
    store: opts.store,
    logs: opts.logs,
    exec: opts.exec,
    streams: {
      add(kind, close) {
        streams.set(close, kind);
        return () => streams.delete(close);
      },
    },
    watchLifetimeMs: () => minLife + Math.random() * Math.max(0, maxLife - minLife),
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 15_000,
  };
  const wss = createExecWss();
  const authorized = bearerCheck(opts.token);

  /**
   * Whether a forbid rule covers the request. A rule for one namespace also covers the same verb across all
   * namespaces (a cluster-wide list needs cluster-scope permission, which a user denied in one namespace lacks).
   */
  const denies = (verb: string, resource: string, namespace?: string, name?: string): boolean =>
    rules.some(
      (r) =>
        (r.verb === '*' || r.verb === verb) &&
        (r.resource === '*' || r.resource === resource) &&
        (r.namespace === undefined || r.namespace === namespace || namespace === undefined) &&
        (r.name === undefined || r.name === name),
    );

  const checkForbidden = (verb: string, t: Extract<Target, { kind: 'resource' }>) => {
    const resource = t.subresource ? `${t.type.plural}/${t.subresource}` : t.type.plural;
    if (denies(verb, resource, t.type.namespaced ? t.namespace : '', t.name)) throw forbidden(user, verb, t);
  };

  /** `kubectl auth can-i`: a SelfSubjectAccessReview answered from the forbid rules. */
  async function accessReview(ctx: Ctx): Promise<void> {
    const body = await readJson(ctx.req);
    const ra = body?.spec?.resourceAttributes;
    if (!ra && !body?.spec?.nonResourceAttributes) {
      throw errors.invalid('SelfSubjectAccessReview', '', [{ reason: 'FieldValueRequired', field: 'spec.resourceAttributes', message: 'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified' }]);
    }
    const resource = ra ? (ra.subresource ? `${ra.resource}/${ra.subresource}` : String(ra.resource ?? '')) : '';
    const denied = ra ? denies(String(ra.verb ?? ''), resource, ra.namespace || undefined, ra.name || undefined) : false;
    const status = denied ? { allowed: false, denied: true } : { allowed: true, reason: 'the simulator allows everything not forbidden' };
    sendJson(ctx.res, 201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: body.spec, status });
  }

  async function dispatch(ctx: Ctx, method: string, t: Extract<Target, { kind: 'resource' }>): Promise<void> {
    const { type, key, namespace, name, subresource } = t;
    if (key === 'selfsubjectaccessreviews.authorization.k8s.io') {
      if (method !== 'POST' || name) throw errors.methodNotAllowed();
      return accessReview(ctx);
    }
    const watch = queryBool(ctx.query, 'watch');
    if (!name) {
      if (method === 'GET') return watch ? handleWatch(ctx, { type, key, namespace }) : handleList(ctx, { type, key, namespace });
      if (method === 'POST') {
        if (type.namespaced && namespace === undefined) throw errors.methodNotAllowed();
        return handleCreate(ctx, type, key, namespace);
      }
      if (method === 'DELETE') return handleDeleteCollection(ctx, type, key, namespace);
      throw errors.methodNotAllowed();
    }
    if (type.namespaced && namespace === undefined) throw errors.pathNotFoundPlain();
    const tg = { type, key, namespace, name, subresource };
    if (!subresource) {
      if (method === 'GET') return watch ? handleWatch(ctx, { type, key, namespace, name }) : handleGet(ctx, tg);
      if (method === 'PUT') return handleUpdate(ctx, tg);
      if (method === 'PATCH') return handlePatch(ctx, tg);
      if (method === 'DELETE') return handleDelete(ctx, tg);
      throw errors.methodNotAllowed();
    }
    if (subresource === 'status') {
      if (method === 'GET') return handleGet(ctx, tg);
      if (method === 'PUT') return handleUpdate(ctx, tg);
      if (method === 'PATCH') return handlePatch(ctx, tg);
      throw errors.methodNotAllowed();
    }
    if (subresource === 'scale') return handleScale(ctx, tg, method);
    if (subresource === 'log' && method === 'GET') return handleLogs(ctx, namespace!, name);
    if (subresource === 'exec') throw errors.badRequest('Upgrade request required');
    throw errors.methodNotAllowed();
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    try {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      opts.onRequest?.(method, url.pathname + url.search);
      if (/^\/(healthz|readyz|livez)(\/|$)/.test(url.pathname)) {
        sendText(res, 200, 'ok');
        return;
      }
      if (!authorized(req)) throw errors.unauthorized();
      const proxied = proxyTarget(url.pathname);
      if (proxied) {
        const { name } = splitSchemeNamePort(proxied.id);
        const pods = route(`/api/v1/namespaces/${encodeURIComponent(proxied.namespace)}/pods`) as Extract<Target, { kind: 'resource' }>;
        checkForbidden(verbOf(method, { ...pods, name, subresource: 'proxy' }, url.searchParams), { ...pods, name, subresource: 'proxy' });
        return await handlePodProxy(opts.store, opts.proxy, proxied, req, res, url.search);
      }
      const target = route(url.pathname);
      if (target.kind === 'health') return sendText(res, 200, 'ok');
      if (target.kind === 'openapi') {
        const doc = target.path === '' ? openApiV3Root() : openApiV3Doc(target.path);
        if (!doc) throw errors.pathNotFoundPlain();
        return sendJson(res, 200, doc);
      }
      if (target.kind === 'discovery') {
        if (method !== 'GET' && method !== 'HEAD') throw errors.methodNotAllowed();
        const addr = `127.0.0.1:${http.port()}`;
        const doc =
          target.doc === 'version'
            ? SERVER_VERSION
            : target.doc === 'api'
              ? apiVersions(addr)
              : target.doc === 'apis'
                ? apiGroupList()
                : target.doc === 'group'
                  ? apiGroup(target.group!)
                  : apiResourceList(target.group!, target.version!);
        return sendJson(res, 200, doc);
      }
      checkForbidden(verbOf(method, target, url.searchParams), target);
      await dispatch({ ...deps, req, res, query: url.searchParams }, method, target);
    } catch (err) {
      if (!(err instanceof ApiError)) process.emitWarning(`sim api: ${method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
      sendError(res, err);
    }
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    try {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      opts.onRequest?.(`${req.method ?? 'GET'} (upgrade)`, url.pathname + url.search);
      if (!authorized(req)) throw errors.unauthorized();
      const target = route(url.pathname);
      if (target.kind !== 'resource' || target.key !== 'pods' || target.subresource !== 'exec' || !target.namespace || !target.name) {
        throw errors.pathNotFoundPlain();
      }
      checkForbidden('create', target);
      const params = execParams(deps, target.namespace, target.name, url.searchParams);
      if (String(req.headers.upgrade).toLowerCase() !== 'websocket') {
        throw errors.badRequest('the simulator serves exec over WebSocket only (v5.channel.k8s.io or v4.channel.k8s.io)');
      }
      runExec(deps, wss, req, socket, head, params);
    } catch (err) {
      refuseUpgrade(socket, err instanceof ApiError ? err.status : errors.internal(String(err)).status);
    }
  }

  const http = createTlsServer(opts.tls, (req, res) => void onRequest(req, res));
  http.server.on('upgrade', onUpgrade);

  const endStreams = (kind?: 'watch' | 'log' | 'exec') => {
    for (const [close, k] of [...streams]) if (!kind || k === kind) close();
  };

  return {
    server: http.server,
    listen: (port, host) => http.listen(port, host),
    close() {
      endStreams();
      for (const c of wss.clients) c.terminate();
      wss.close();
      return http.close();
    },
    setForbidden(next) {
      rules = [...next];
    },
    closeWatches() {
      endStreams('watch');
    },
    closeLogStreams() {
      endStreams('log');
    },
  };
}
