// Single-object verbs: get, create, update (PUT, also /status), patch (also /status), delete, deletecollection.
// Every write honours dryRun=All: validated, answered with the would-be object, the store left untouched.
import type { Ctx } from './context.js';
import { sendJson } from '../http/reply.js';
import { readBody, readJson } from './http-util.js';
import type { K8sObject, Propagation } from './object-store.js';
import { applyPatch } from './patch.js';
import { apiVersionOf, type ResourceType } from './resources.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { errors, successStatus } from './status.js';
import { includeObjectOf, toTable, wantsTable } from './table.js';
import { toPartialMetadata, wantsPartialMetadata } from './partial-metadata.js';

export interface ObjectTarget {
  type: ResourceType;
  key: string;
  namespace?: string;
  name: string;
  subresource?: string;
}

export function isDryRun(q: URLSearchParams, body?: { dryRun?: unknown }): boolean {
  const vals = [...q.getAll('dryRun'), ...(Array.isArray(body?.dryRun) ? (body!.dryRun as string[]) : [])];
  for (const v of vals) if (v !== 'All') throw errors.badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return vals.length > 0;
}

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The checks a real server would make that matter to clients of the simulator (422 Invalid). */
export function validate(t: ResourceType, o: K8sObject): void {
  const name = o.metadata?.name ?? '';
  if (name && (name.length > 253 || !DNS1123.test(name))) {
    throw errors.invalid(t.kind, name, [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      },
    ]);
  }
  const replicas = o.spec?.replicas;
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 0) && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(t.kind)) {
    throw errors.invalid(t.kind, name, [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` }]);
  }
}

function checkKind(t: ResourceType, body: any): void {
  if (body.kind && body.kind !== t.kind) throw errors.badRequest(`the kind of the object (${body.kind}) does not match the kind of the endpoint (${t.kind})`);
  if (body.apiVersion && body.apiVersion !== apiVersionOf(t)) {
    throw errors.badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(t)})`);
  }
}

export function handleGet(ctx: Ctx, tg: ObjectTarget): void {
  const o = ctx.store.mustGet(tg.key, tg.namespace, tg.name);
  if (!tg.subresource && wantsTable(ctx.req.headers.accept)) {
    sendJson(ctx.res, 200, toTable(tg.type, [o], { resourceVersion: o.metadata.resourceVersion }, includeObjectOf(ctx.query)));
    return;
  }
  const meta = tg.subresource ? undefined : wantsPartialMetadata(ctx.req.headers.accept);
  if (meta) return sendJson(ctx.res, 200, toPartialMetadata(o, meta));
  sendJson(ctx.res, 200, o);
}

export async function handleCreate(ctx: Ctx, t: ResourceType, key: string, namespace: string | undefined): Promise<void> {
  const body = await readJson(ctx.req);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('the body of the request is not an object');
  checkKind(t, body);
  body.metadata ??= {};
  if (t.namespaced) {
    if (body.metadata.namespace && namespace && body.metadata.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (namespace) body.metadata.namespace = namespace;
  }
  for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation']) delete body.metadata[f];
  if (t.subresources.includes('status')) body.status = t.kind === 'Pod' ? { phase: 'Pending' } : undefined;
  if (body.status === undefined) delete body.status;
  validate(t, body);
  if (namespace && t.namespaced && key !== 'namespaces' && !ctx.store.get('namespaces', undefined, namespace)) {
    throw errors.notFound('namespaces', '', namespace);
  }
  const created = ctx.store.create(key, body, { dryRun: isDryRun(ctx.query) });
  sendJson(ctx.res, 201, created);
}

export async function handleUpdate(ctx: Ctx, tg: ObjectTarget): Promise<void> {
  const body = await readJson(ctx.req);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('the body of the request is not an object');
  checkKind(tg.type, body);
  body.metadata ??= {};
  if (body.metadata.name && body.metadata.name !== tg.name) {
    throw errors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${tg.name})`);
  }
  if (tg.type.namespaced && body.metadata.namespace && body.metadata.namespace !== tg.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  body.metadata.name = tg.name;
  if (tg.type.namespaced) body.metadata.namespace = tg.namespace;
  const expectRv: string | undefined = body.metadata.resourceVersion || undefined;
  if (!expectRv && tg.type.custom) {
    throw errors.invalid(tg.type.kind, tg.name, [{ reason: 'FieldValueInvalid', field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' }]);
  }
  validate(tg.type, body);
  const dryRun = isDryRun(ctx.query);
  const out = ctx.store.update(tg.key, body, { expectRv, statusOnly: tg.subresource === 'status', dryRun });
  sendJson(ctx.res, 200, out);
}

/** Reads a PATCH body and applies it to `current` (whole object, or a Scale for the scale subresource). */
export async function patchedCopy(ctx: Ctx, current: unknown, custom: boolean): Promise<any> {
  const ct = String(ctx.req.headers['content-type'] ?? '');
  const text = await readBody(ctx.req);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    if (ct.startsWith('application/apply-patch')) return applyPatch(ct, current, text, custom);
    throw errors.badRequest(`error decoding patch: ${(err as Error).message}`);
  }
  return applyPatch(ct, current, body, custom);
}

export async function handlePatch(ctx: Ctx, tg: ObjectTarget): Promise<void> {
  const cur = ctx.store.mustGet(tg.key, tg.namespace, tg.name);
  const patched = await patchedCopy(ctx, cur, tg.type.custom);
  if (!patched || typeof patched !== 'object' || !patched.metadata) throw errors.unprocessable('the patch removed the object metadata');
  if (patched.metadata.name !== cur.metadata.name || (patched.metadata.namespace ?? undefined) !== (cur.metadata.namespace ?? undefined)) {
    throw errors.invalid(tg.type.kind, tg.name, [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: 'Invalid value: the name and namespace of an object are immutable' }]);
  }
  if (patched.metadata.uid !== cur.metadata.uid) {
    throw errors.conflict(tg.type.plural, tg.type.group, tg.name);
  }
  const expectRv = patched.metadata.resourceVersion !== cur.metadata.resourceVersion ? String(patched.metadata.resourceVersion ?? '') : undefined;
  patched.metadata.resourceVersion = cur.metadata.resourceVersion;
  validate(tg.type, patched);
  const out = ctx.store.update(tg.key, patched, { expectRv, statusOnly: tg.subresource === 'status', dryRun: isDryRun(ctx.query) });
  sendJson(ctx.res, 200, out);
}

function propagationOf(v: unknown): Propagation | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (v === 'Background' || v === 'Foreground' || v === 'Orphan') return v;
  throw errors.badRequest(`propagationPolicy: Unsupported value: "${String(v)}": supported values: "Foreground", "Background", "Orphan"`);
}

interface DeleteOpts {
  propagation?: Propagation;
  grace?: number;
  dryRun: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

async function deleteOptions(ctx: Ctx): Promise<DeleteOpts> {
  const body = (await readJson(ctx.req)) ?? {};
  const q = ctx.query;
  const graceQ = q.get('gracePeriodSeconds');
  const grace = body.gracePeriodSeconds ?? (graceQ !== null ? Number(graceQ) : undefined);
  const orphan = body.orphanDependents ?? (q.get('orphanDependents') === 'true' ? true : undefined);
  return {
    propagation: propagationOf(body.propagationPolicy ?? q.get('propagationPolicy')) ?? (orphan ? 'Orphan' : undefined),
    grace: grace === undefined || Number.isNaN(grace) ? undefined : grace,
    dryRun: isDryRun(q, body),
    preconditions: body.preconditions,
  };
}

function deleteOne(ctx: Ctx, t: ResourceType, key: string, ns: string | undefined, name: string, opts: DeleteOpts): { obj: K8sObject; gone: boolean } {
  const cur = ctx.store.mustGet(key, ns, name);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== cur.metadata.uid) {
    throw errors.conflictWith(t.plural, t.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== cur.metadata.resourceVersion) {
    throw errors.conflictWith(t.plural, t.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion}`);
  }
  const graceful = key === 'pods' && opts.grace !== 0;
  const obj = ctx.store.delete(key, ns, name, { propagation: opts.propagation, graceful, dryRun: opts.dryRun });
  const gone = opts.dryRun ? !(graceful || cur.metadata.finalizers?.length) : !ctx.store.get(key, ns, name) || ctx.store.get(key, ns, name)!.metadata.uid !== cur.metadata.uid;
  return { obj, gone };
}

export async function handleDelete(ctx: Ctx, tg: ObjectTarget): Promise<void> {
  const opts = await deleteOptions(ctx);
  const { obj, gone } = deleteOne(ctx, tg.type, tg.key, tg.namespace, tg.name, opts);
  if (gone && !tg.type.custom && tg.key !== 'pods') {
    sendJson(ctx.res, 200, successStatus({ name: tg.name, group: tg.type.group, kind: tg.type.plural, uid: obj.metadata.uid }));
    return;
  }
  sendJson(ctx.res, 200, obj);
}

export async function handleDeleteCollection(ctx: Ctx, t: ResourceType, key: string, namespace: string | undefined): Promise<void> {
  const opts = await deleteOptions(ctx);
  const label = parseLabelSelector(ctx.query.get('labelSelector'));
  const field = parseFieldSelector(ctx.query.get('fieldSelector'), key);
  const items: K8sObject[] = [];
  for (const o of ctx.store.list(key, namespace)) {
    if (!label(o) || !field(o)) continue;
    items.push(deleteOne(ctx, t, key, o.metadata.namespace, o.metadata.name, opts).obj);
  }
  sendJson(ctx.res, 200, { kind: t.listKind, apiVersion: apiVersionOf(t), metadata: { resourceVersion: String(ctx.store.resourceVersion) }, items });
}
