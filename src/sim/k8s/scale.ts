// The scale subresource (autoscaling/v1 Scale) of deployments, statefulsets, replicasets and CNPG clusters.
import type { Ctx } from './context.js';
import { isDryRun, patchedCopy, validate, type ObjectTarget } from './crud.js';
import { sendJson } from '../http/reply.js';
import { readJson } from './http-util.js';
import type { K8sObject } from './object-store.js';
import { errors } from './status.js';

const FIELD: Record<string, 'replicas' | 'instances'> = {
  'deployments.apps': 'replicas',
  'statefulsets.apps': 'replicas',
  'replicasets.apps': 'replicas',
  'clusters.postgresql.cnpg.io': 'instances',
};

function selectorOf(tg: ObjectTarget, o: K8sObject): string {
  if (tg.key === 'clusters.postgresql.cnpg.io') return `cnpg.io/cluster=${o.metadata.name}`;
  return Object.entries(o.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function toScale(tg: ObjectTarget, o: K8sObject): object {
  const f = FIELD[tg.key]!;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = o.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: o.spec?.[f] ?? (f === 'replicas' ? 1 : 0) },
    status: { replicas: o.status?.[f] ?? 0, selector: selectorOf(tg, o) },
  };
}

export async function handleScale(ctx: Ctx, tg: ObjectTarget, method: string): Promise<void> {
  const f = FIELD[tg.key];
  if (!f) throw errors.pathNotFoundPlain();
  const cur = ctx.store.mustGet(tg.key, tg.namespace, tg.name);
  if (method === 'GET') {
    sendJson(ctx.res, 200, toScale(tg, cur));
    return;
  }
  let scale: any;
  if (method === 'PUT') {
    scale = await readJson(ctx.req);
    if (scale?.metadata?.name && scale.metadata.name !== tg.name) {
      throw errors.badRequest(`the name of the object (${scale.metadata.name}) does not match the name on the URL (${tg.name})`);
    }
  } else if (method === 'PATCH') {
    scale = await patchedCopy(ctx, toScale(tg, cur), false);
  } else {
    throw errors.methodNotAllowed();
  }
  const replicas = scale?.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', tg.name, [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` }]);
  }
  const expectRv: string | undefined = scale?.metadata?.resourceVersion && scale.metadata.resourceVersion !== cur.metadata.resourceVersion ? scale.metadata.resourceVersion : undefined;
  const next = { ...cur, spec: { ...cur.spec, [f]: replicas } };
  validate(tg.type, next);
  const out = ctx.store.update(tg.key, next, { expectRv, dryRun: isDryRun(ctx.query) });
  sendJson(ctx.res, 200, toScale(tg, out));
}
