// GET pods/{name}/log: the container's lines from the LogProvider as text/plain, optionally followed.
import type { Ctx } from './context.js';
import { queryBool, queryInt } from './http-util.js';
import type { K8sObject } from './object-store.js';
import type { LogLine } from './providers.js';
import { errors } from './status.js';

/**
 * RFC3339Nano as the kubelet writes it: nanosecond digits (`nano` is the part below the millisecond),
 * without trailing zeros, as Go's time.RFC3339Nano formats them.
 */
export function rfc3339Nano(d: Date, nano = 0): string {
  return d.toISOString().replace(/\.(\d+)Z$/, (_m, ms: string) => {
    const f = `${ms}${String(nano).padStart(6, '0')}`.replace(/0+$/, '');
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
    // Whole seconds, as on a real cluster: the API server re-encodes PodLogOptions for the kubelet, and
    // metav1.Time marshals with RFC3339 (second) precision, so a sinceTime of 01:02:03.9Z reaches the kubelet
    // as 01:02:03Z. A client resuming from its last line's timestamp gets that second again and must
    // de-duplicate.
    since = Math.floor(since / 1000) * 1000;
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
  const format = (l: LogLine) => (timestamps ? `${rfc3339Nano(l.time, l.nano)} ${l.text}\n` : `${l.text}\n`);
  // Lines written in one turn of the event loop go out in one chunk (a busy container writes thousands a second).
  let pending: string[] = [];
  let flushing = false;
  const flush = () => {
    flushing = false;
    if (!pending.length) return;
    const chunk = pending.join('');
    pending = [];
    if (!res.destroyed) res.write(chunk);
  };
  const write = (l: LogLine): boolean => {
    if (!open) return false;
    if (since !== undefined && l.time.getTime() < since) return true;
    let s = format(l);
    if (Buffer.byteLength(s) > budget) s = Buffer.from(s).subarray(0, budget).toString('utf8');
    budget -= Buffer.byteLength(s);
    pending.push(s);
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
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
    flush();
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
