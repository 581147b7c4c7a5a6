// Collection GETs: lists (selectors, limit/continue, Table) and watches (NDJSON events, bookmarks, 410, timeouts).
import type { Ctx } from './context.js';
import { sendJson } from '../http/reply.js';
import { queryBool, queryInt } from './http-util.js';
import type { K8sObject, StoreEvent } from './object-store.js';
import { apiVersionOf, type ResourceType } from './resources.js';
import { parseFieldSelector, parseLabelSelector, type Matcher } from './selectors.js';
import { ApiError, errors } from './status.js';
import { includeObjectOf, tableRows, toTable, wantsTable, printerFor } from './table.js';

export interface CollectionTarget {
  type: ResourceType;
  key: string;
  namespace?: string;
  /** A watch on a single object (GET .../pods/x?watch=true, deprecated but still served). */
  name?: string;
}

function matcherOf(ctx: Ctx, t: CollectionTarget): Matcher {
  const label = parseLabelSelector(ctx.query.get('labelSelector'));
  const field = parseFieldSelector(ctx.query.get('fieldSelector'), t.key);
  const name = t.name;
  return (o) => (name === undefined || o.metadata.name === name) && label(o) && field(o);
}

function cmp(a: { ns: string; name: string }, o: K8sObject): number {
  return a.ns.localeCompare(o.metadata.namespace ?? '') || a.name.localeCompare(o.metadata.name);
}

interface ContinueToken {
  rv: number;
  ns: string;
  name: string;
}

function encodeContinue(tok: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'sim/1', rv: tok.rv, start: `${tok.ns}/${tok.name}` })).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const j = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    const i = String(j.start).indexOf('/');
    if (j.v !== 'sim/1' || !Number.isInteger(j.rv) || i < 0) throw new Error('bad token');
    return { rv: j.rv, ns: j.start.slice(0, i), name: j.start.slice(i + 1) };
  } catch {
    throw errors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
}

export function handleList(ctx: Ctx, t: CollectionTarget): void {
  const { store, query } = ctx;
  const match = matcherOf(ctx, t);
  const limit = queryInt(query, 'limit') ?? 0;
  const cont = query.get('continue');
  let items = store.list(t.key, t.namespace).filter(match);
  let listRv = store.resourceVersion;
  if (cont) {
    const tok = decodeContinue(cont);
    if (tok.rv < store.oldestResumableVersion) {
      throw errors.expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    }
    items = items.filter((o) => cmp(tok, o) < 0);
    listRv = tok.rv;
  }
  const meta: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: String(listRv) };
  if (limit > 0 && items.length > limit) {
    meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
    const last = items[items.length - 1]!;
    meta.continue = encodeContinue({ rv: listRv, ns: last.metadata.namespace ?? '', name: last.metadata.name });
  }
  if (wantsTable(ctx.req.headers.accept)) {
    sendJson(ctx.res, 200, toTable(t.type, items, meta, includeObjectOf(query)));
    return;
  }
  sendJson(ctx.res, 200, { kind: t.type.listKind, apiVersion: apiVersionOf(t.type), metadata: meta, items });
}

export function handleWatch(ctx: Ctx, t: CollectionTarget): void {
  const { store, query, req, res } = ctx;
  const match = matcherOf(ctx, t);
  const rvParam = query.get('resourceVersion') ?? '';
  const bookmarks = queryBool(query, 'allowWatchBookmarks');
  const sendInitial = query.get('sendInitialEvents') === 'true';
  const timeoutSeconds = queryInt(query, 'timeoutSeconds');
  const table = wantsTable(req.headers.accept);
  const include = table ? includeObjectOf(query) : 'Object';
  const fromStart = rvParam === '' || rvParam === '0' || sendInitial;
  const fromRv = fromStart ? store.resourceVersion : Number(rvParam);
  if (!fromStart && (!Number.isInteger(fromRv) || fromRv < 0)) {
    throw errors.badRequest(`resourceVersion: Invalid value: "${rvParam}": strconv.ParseUint: parsing "${rvParam}": invalid syntax`);
  }

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let open = true;
  const columns = table ? printerFor(t.type).columns : undefined;
  const write = (type: string, object: unknown) => {
    if (open) res.write(JSON.stringify({ type, object }) + '\n');
  };
  const send = (type: 'ADDED' | 'MODIFIED' | 'DELETED', o: K8sObject) => {
    if (!table) return write(type, o);
    write(type, { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: o.metadata.resourceVersion }, columnDefinitions: columns, rows: tableRows(t.type, [o], include) });
  };
  const bookmark = (annotations?: Record<string, string>) =>
    write('BOOKMARK', {
      kind: t.type.kind,
      apiVersion: apiVersionOf(t.type),
      metadata: { resourceVersion: String(store.resourceVersion), ...(annotations ? { annotations } : {}) },
    });
  const deliver = (e: StoreEvent) => {
    const now = match(e.object);
    if (e.type === 'ADDED') {
      if (now) send('ADDED', e.object);
    } else if (e.type === 'MODIFIED') {
      const was = e.old ? match(e.old) : now;
      if (now && was) send('MODIFIED', e.object);
      else if (now) send('ADDED', e.object);
      else if (was) send('DELETED', e.object);
    } else if (match(e.old ?? e.object)) {
      send('DELETED', e.object);
    }
  };

  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  let unregister = () => {};
  const finish = () => {
    if (!open) return;
    open = false;
    unsubscribe();
    unregister();
    for (const tm of timers) clearTimeout(tm);
    res.end();
  };

  if (fromStart) {
    for (const o of store.list(t.key, t.namespace)) if (match(o)) send('ADDED', o);
    if (sendInitial && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    try {
      for (const e of store.eventsSince(t.key, t.namespace, fromRv)) deliver(e);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      write('ERROR', err.status);
      finish();
      return;
    }
  }
  unsubscribe = store.subscribe((e) => {
    if (e.key === t.key && (t.namespace === undefined || e.object.metadata.namespace === t.namespace)) deliver(e);
  });
  unregister = ctx.streams.add('watch', finish);
  req.on('close', finish);
  res.on('close', finish);
  const lifetime = timeoutSeconds !== undefined && timeoutSeconds > 0 ? Math.min(timeoutSeconds * 1000, ctx.watchLifetimeMs()) : ctx.watchLifetimeMs();
  timers.push(setTimeout(finish, lifetime));
  if (bookmarks) {
    const tick = () => {
      bookmark();
      timers.push(setTimeout(tick, ctx.bookmarkIntervalMs));
    };
    timers.push(setTimeout(tick, ctx.bookmarkIntervalMs));
  }
}
