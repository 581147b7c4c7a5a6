// GET pods/{name}/log: the container's lines from the LogProvider as text/plain, optionally followed.
import type { Ctx } from './context.js';
import { queryBool, queryInt } from './http-util.js';
import type { K8sObject } from './object-store.js';
import type { LogLine } from './providers.js';
import { errors } from './status.js';

/** RFC3339Nano as the kubelet writes it: fractional seconds without trailing zeros. */
export function rfc3339Nano(d: Date): string {
  return d.toISOString().replace(/\.(\d+)Z$/, (_m, frac: string) => {
    const f = frac.padEnd(9, '0').replace(/0+$/, '');
    return f ? `.${f}Z` : 'Z';
  });
}

/** The container a pod subresource addresses, with the API server's 400s for a missing or wrong name. */
export function containerOf(pod: K8sObject, requested: string | null): string {
  const names: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
  const inits: string[] = (pod.spec?.initContainers ?? []).map((c: any) => c.name);
  const eph: string[] = (pod.spec?.ephemeralContainers ?? []).map((c: any) => c.name);
  if (!requested) {
    if (names.length === 1) return names[0]!;
    let msg = `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`;
    if (inits.length) msg += ` or one of the init containers: [${inits.join(' ')}]`;
    if (eph.length) msg += ` or one of the ephemeral containers: [${eph.join(' ')}]`;
    throw errors.badRequest(msg);
  }
  if (![...names, ...inits, ...eph].includes(requested)) {
    throw errors.badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`);
  }
  return requested;
}

function statusOf(pod: K8sObject, container: string): any {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return all.find((c: any) => c.name === container);
}

export function handleLogs(ctx: Ctx, ns: string, name: string): void {
  const { store, query, logs, req, res } = ctx;
  const pod = store.mustGet('pods', ns, name);
  const container = containerOf(pod, query.get('container'));
  const follow = queryBool(query, 'follow');
  const previous = queryBool(query, 'previous');
  const timestamps = queryBool(query, 'timestamps');
  const tailLines = queryInt(query, 'tailLines');
  const sinceSeconds = queryInt(query, 'sinceSeconds');
  const limitBytes = queryInt(query, 'limitBytes');
  const sinceTimeRaw = query.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTimeRaw) throw errors.invalid('PodLogOptions', '', [{ field: 'sinceSeconds', message: 'Invalid value: at most one of sinceTime or sinceSeconds may be specified' }]);
  if (sinceSeconds !== undefined && sinceSeconds < 1) throw errors.invalid('PodLogOptions', '', [{ field: 'sinceSeconds', message: 'Invalid value: must be greater than 0' }]);
  if (tailLines !== undefined && tailLines < 0) throw errors.invalid('PodLogOptions', '', [{ field: 'tailLines', message: 'Invalid value: must be greater than or equal to 0' }]);
  if (limitBytes !== undefined && limitBytes < 1) throw errors.invalid('PodLogOptions', '', [{ field: 'limitBytes', message: 'Invalid value: must be greater than 0' }]);
  let since: number | undefined;
  if (sinceTimeRaw) {
    since = Date.parse(sinceTimeRaw);
    if (Number.isNaN(since)) throw errors.badRequest(`sinceTime: Invalid value: "${sinceTimeRaw}": parsing time "${sinceTimeRaw}" as RFC3339 failed`);
  } else if (sinceSeconds !== undefined) since = Date.now() - sinceSeconds * 1000;

  const cs = statusOf(pod, container);
  const waiting = cs?.state?.waiting?.reason;
  if (!previous && (waiting === 'ContainerCreating' || waiting === 'PodInitializing') && !(cs?.restartCount > 0)) {
    throw errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting}`);
  }
  const history = logs.history(ns, name, container, previous);
  if (!history) {
    if (previous) throw errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    throw errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting ?? 'ContainerCreating'}`);
  }

  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let budget = limitBytes ?? Infinity;
  let open = true;
  const format = (l: LogLine) => (timestamps ? `${rfc3339Nano(l.time)} ${l.text}\n` : `${l.text}\n`);
  const write = (l: LogLine): boolean => {
    if (!open) return false;
    if (since !== undefined && l.time.getTime() < since) return true;
    let s = format(l);
    if (Buffer.byteLength(s) > budget) s = Buffer.from(s).subarray(0, budget).toString('utf8');
    budget -= Buffer.byteLength(s);
    res.write(s);
    if (budget <= 0) {
      finish();
      return false;
    }
    return true;
  };
  let unfollow = () => {};
  let unwatch = () => {};
  let unregister = () => {};
  const finish = () => {
    if (!open) return;
    open = false;
    unfollow();
    unwatch();
    unregister();
    res.end();
  };
  let lines = since !== undefined ? history.filter((l) => l.time.getTime() >= since!) : history;
  if (tailLines !== undefined) lines = tailLines === 0 ? [] : lines.slice(-tailLines);
  for (const l of lines) if (!write(l)) return;
  if (!follow || previous) {
    finish();
    return;
  }
  // A followed log ends when the container stops or the pod goes away, as the kubelet's does.
  const uid = pod.metadata.uid;
  const restarts = cs?.restartCount ?? 0;
  unwatch = store.subscribe((e) => {
    if (e.key !== 'pods' || e.object.metadata.namespace !== ns || e.object.metadata.name !== name) return;
    if (e.type === 'DELETED' || e.object.metadata.uid !== uid) return finish();
    const now = statusOf(e.object, container);
    if ((now?.restartCount ?? 0) !== restarts || now?.state?.terminated) finish();
  });
  unfollow = logs.follow(ns, name, container, (l) => void write(l));
  unregister = ctx.streams.add('log', finish);
  req.on('close', finish);
  res.on('close', finish);
}
