// Server-side table printers for the built-in types, after kubernetes pkg/printers/internalversion/printers.go.
import type { K8sObject } from './object-store.js';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Printer {
  columns: Column[];
  cells(o: K8sObject, now: number): unknown[];
}

export function col(name: string, type = 'string', priority = 0, format = '', description = ''): Column {
  return { name, type, format, description: description || `${name} column`, priority };
}

export const NAME_COL = col('Name', 'string', 0, 'name', 'Name must be unique within a namespace.');
const AGE_COL = col('Age', 'string', 0, '', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

/** apimachinery's duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  const days = Math.floor(hours / 24) % 365;
  if (hours < 24 * 365 * 8) return days === 0 ? `${years}y` : `${years}y${days}d`;
  return `${years}y`;
}

export function since(ts: string | undefined, now: number): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

const none = (v: unknown): string => (v === undefined || v === null || v === '' ? '<none>' : String(v));

function containersImages(podSpec: any): [string, string] {
  const cs: any[] = podSpec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

function selectorString(sel: any): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = String(e.operator).toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

/** The pod's STATUS column, computed as kubectl's printPod does. */
export function podReason(pod: K8sObject): { ready: string; reason: string; restarts: number; lastRestart?: string } {
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  let restarts = 0;
  let lastRestart: string | undefined;
  const total = (spec.containers ?? []).length;
  let ready = 0;
  let reason: string = st.reason || st.phase || 'Pending';
  const conds: any[] = st.conditions ?? [];
  if (conds.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const noteRestart = (cs: any) => {
    const fin = cs.lastState?.terminated?.finishedAt;
    if (fin && (!lastRestart || fin > lastRestart)) lastRestart = fin;
  };
  let initializing = false;
  const inits: any[] = st.initContainerStatuses ?? [];
  const initSpecs: any[] = spec.initContainers ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    restarts += c.restartCount ?? 0;
    noteRestart(c);
    const restartable = initSpecs.find((s) => s.name === c.name)?.restartPolicy === 'Always';
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (restartable && c.started) continue;
    if (c.state?.terminated) {
      const t = c.state.terminated;
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  const initialized = conds.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    let hasRunning = false;
    const cs: any[] = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      noteRestart(c);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conds.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && st.phase !== 'Succeeded' && st.phase !== 'Failed') reason = 'Terminating';
  return { ready: `${ready}/${total}`, reason, restarts, lastRestart };
}

const PRINTERS: Record<string, Printer> = {
  pods: {
    columns: [NAME_COL, col('Ready'), col('Status'), col('Restarts'), AGE_COL, col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)],
    cells(o, now) {
      const p = podReason(o);
      const restarts = p.restarts !== 0 && p.lastRestart ? `${p.restarts} (${since(p.lastRestart, now)} ago)` : String(p.restarts);
      const gates: any[] = o.spec?.readinessGates ?? [];
      const gateStr = gates.length
        ? `${gates.filter((g) => (o.status?.conditions ?? []).some((c: any) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`
        : '<none>';
      return [o.metadata.name, p.ready, p.reason, restarts, since(o.metadata.creationTimestamp, now), none(o.status?.podIP), none(o.spec?.nodeName), none(o.status?.nominatedNodeName), gateStr];
    },
  },
  'deployments.apps': {
    columns: [NAME_COL, col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), AGE_COL, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells(o, now) {
      const s = o.status ?? {};
      const [c, i] = containersImages(o.spec?.template?.spec);
      return [o.metadata.name, `${s.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, s.updatedReplicas ?? 0, s.availableReplicas ?? 0, since(o.metadata.creationTimestamp, now), c, i, selectorString(o.spec?.selector)];
    },
  },
  'statefulsets.apps': {
    columns: [NAME_COL, col('Ready'), AGE_COL, col('Containers', 'string', 1), col('Images', 'string', 1)],
    cells(o, now) {
      const [c, i] = containersImages(o.spec?.template?.spec);
      return [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, since(o.metadata.creationTimestamp, now), c, i];
    },
  },
  'replicasets.apps': {
    columns: [NAME_COL, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), AGE_COL, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells(o, now) {
      const [c, i] = containersImages(o.spec?.template?.spec);
      return [o.metadata.name, o.spec?.replicas ?? 0, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, since(o.metadata.creationTimestamp, now), c, i, selectorString(o.spec?.selector)];
    },
  },
  'daemonsets.apps': {
    columns: [NAME_COL, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), AGE_COL, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells(o, now) {
      const s = o.status ?? {};
      const ns = Object.entries(o.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      const [c, i] = containersImages(o.spec?.template?.spec);
      return [o.metadata.name, s.desiredNumberScheduled ?? 0, s.currentNumberScheduled ?? 0, s.numberReady ?? 0, s.updatedNumberScheduled ?? 0, s.numberAvailable ?? 0, ns || '<none>', since(o.metadata.creationTimestamp, now), c, i, selectorString(o.spec?.selector)];
    },
  },
  services: {
    columns: [NAME_COL, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE_COL, col('Selector', 'string', 1)],
    cells(o, now) {
      const spec = o.spec ?? {};
      const type = spec.type ?? 'ClusterIP';
      const lb: any[] = o.status?.loadBalancer?.ingress ?? [];
      const ext = spec.externalIPs?.length ? spec.externalIPs.join(',') : type === 'LoadBalancer' ? (lb.map((x) => x.ip ?? x.hostname).join(',') || '<pending>') : type === 'ExternalName' ? spec.externalName : '<none>';
      const ports = (spec.ports ?? []).map((p: any) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>';
      const sel = Object.entries(spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
      return [o.metadata.name, type, spec.clusterIP ?? '<none>', ext, ports, since(o.metadata.creationTimestamp, now), sel];
    },
  },
  endpoints: {
    columns: [NAME_COL, col('Endpoints'), AGE_COL],
    cells(o, now) {
      const eps: string[] = [];
      for (const s of o.subsets ?? []) for (const a of s.addresses ?? []) for (const p of s.ports ?? [{}]) eps.push(p.port ? `${a.ip}:${p.port}` : a.ip);
      const shown = eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',') || '<none>';
      return [o.metadata.name, shown, since(o.metadata.creationTimestamp, now)];
    },
  },
  nodes: {
    columns: [NAME_COL, col('Status'), col('Roles'), AGE_COL, col('Version'), col('Internal-IP', 'string', 1), col('External-IP', 'string', 1), col('OS-Image', 'string', 1), col('Kernel-Version', 'string', 1), col('Container-Runtime', 'string', 1)],
    cells(o, now) {
      const ready = (o.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
      let status = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
      if (o.spec?.unschedulable) status += ',SchedulingDisabled';
      const roles = Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).join(',') || '<none>';
      const addr = (t: string) => (o.status?.addresses ?? []).find((a: any) => a.type === t)?.address ?? '<none>';
      const ni = o.status?.nodeInfo ?? {};
      return [o.metadata.name, status, roles, since(o.metadata.creationTimestamp, now), ni.kubeletVersion ?? '', addr('InternalIP'), addr('ExternalIP'), ni.osImage ?? '<unknown>', ni.kernelVersion ?? '<unknown>', ni.containerRuntimeVersion ?? '<unknown>'];
    },
  },
  namespaces: {
    columns: [NAME_COL, col('Status'), AGE_COL],
    cells: (o, now) => [o.metadata.name, o.status?.phase ?? 'Active', since(o.metadata.creationTimestamp, now)],
  },
  events: {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 'string', 1), col('Source', 'string', 1), col('Message'), col('First Seen', 'string', 1), col('Count', 'string', 1), { ...NAME_COL, priority: 1 }],
    cells(o, now) {
      const io = o.involvedObject ?? {};
      const last = o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp;
      const first = o.firstTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp;
      return [since(last, now), o.type ?? '', o.reason ?? '', `${String(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`, io.fieldPath ?? '', o.source?.component ?? o.reportingComponent ?? '', o.message ?? '', since(first, now), String(o.count ?? 1), o.metadata.name];
    },
  },
  configmaps: {
    columns: [NAME_COL, col('Data', 'integer'), AGE_COL],
    cells: (o, now) => [o.metadata.name, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, since(o.metadata.creationTimestamp, now)],
  },
  secrets: {
    columns: [NAME_COL, col('Type'), col('Data', 'integer'), AGE_COL],
    cells: (o, now) => [o.metadata.name, o.type ?? 'Opaque', Object.keys(o.data ?? {}).length, since(o.metadata.creationTimestamp, now)],
  },
  persistentvolumeclaims: {
    columns: [NAME_COL, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), AGE_COL, col('VolumeMode', 'string', 1)],
    cells(o, now) {
      const modes = (o.status?.accessModes ?? o.spec?.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m).join(',');
      return [o.metadata.name, o.status?.phase ?? 'Pending', o.spec?.volumeName ?? '', o.status?.capacity?.storage ?? '', modes, o.spec?.storageClassName ?? '', o.spec?.volumeAttributesClassName ?? '<unset>', since(o.metadata.creationTimestamp, now), o.spec?.volumeMode ?? 'Filesystem'];
    },
  },
  serviceaccounts: {
    columns: [NAME_COL, col('Secrets', 'integer'), AGE_COL],
    cells: (o, now) => [o.metadata.name, (o.secrets ?? []).length, since(o.metadata.creationTimestamp, now)],
  },
  'jobs.batch': {
    columns: [NAME_COL, col('Status'), col('Completions'), col('Duration'), AGE_COL, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells(o, now) {
      const s = o.status ?? {};
      const conds: any[] = s.conditions ?? [];
      const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
      const status = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : has('FailureTarget') ? 'FailureTarget' : has('Suspended') ? 'Suspended' : o.metadata.deletionTimestamp ? 'Terminating' : 'Running';
      const comps = `${s.succeeded ?? 0}/${o.spec?.completions ?? 1}`;
      const dur = s.startTime ? humanDuration((s.completionTime ? Date.parse(s.completionTime) : now) - Date.parse(s.startTime)) : '';
      const [c, i] = containersImages(o.spec?.template?.spec);
      return [o.metadata.name, status, comps, dur, since(o.metadata.creationTimestamp, now), c, i, selectorString(o.spec?.selector)];
    },
  },
  'cronjobs.batch': {
    columns: [NAME_COL, col('Schedule'), col('Timezone'), col('Suspend', 'boolean'), col('Active', 'integer'), col('Last Schedule'), AGE_COL, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)],
    cells(o, now) {
      const [c, i] = containersImages(o.spec?.jobTemplate?.spec?.template?.spec);
      const last = o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>';
      return [o.metadata.name, o.spec?.schedule ?? '', o.spec?.timeZone ?? '<none>', Boolean(o.spec?.suspend), (o.status?.active ?? []).length, last, since(o.metadata.creationTimestamp, now), c, i, selectorString(o.spec?.jobTemplate?.spec?.selector)];
    },
  },
  'ingresses.networking.k8s.io': {
    columns: [NAME_COL, col('Class'), col('Hosts'), col('Address'), col('Ports'), AGE_COL],
    cells(o, now) {
      const hosts = (o.spec?.rules ?? []).map((r: any) => r.host).filter(Boolean);
      const hostStr = hosts.length > 4 ? `${hosts.slice(0, 4).join(',')} + ${hosts.length - 4} more...` : hosts.join(',') || '*';
      const addr = (o.status?.loadBalancer?.ingress ?? []).map((x: any) => x.ip ?? x.hostname).join(',');
      return [o.metadata.name, o.spec?.ingressClassName ?? '<none>', hostStr, addr, o.spec?.tls?.length ? '80, 443' : '80', since(o.metadata.creationTimestamp, now)];
    },
  },
  'poddisruptionbudgets.policy': {
    columns: [NAME_COL, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), AGE_COL],
    cells: (o, now) => [o.metadata.name, none(o.spec?.minAvailable), none(o.spec?.maxUnavailable), o.status?.disruptionsAllowed ?? 0, since(o.metadata.creationTimestamp, now)],
  },
  'controllerrevisions.apps': {
    columns: [NAME_COL, col('Controller'), col('Revision', 'integer'), AGE_COL],
    cells(o, now) {
      const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
      const ctl = ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split('/').length > 1 ? ref.apiVersion.split('/')[0] : ''}/${ref.name}`.replace('./', '/') : '<none>';
      return [o.metadata.name, ctl, o.revision ?? 0, since(o.metadata.creationTimestamp, now)];
    },
  },
};

/** The built-in printer for a type key, if there is one (custom resources use their printer columns). */
export function builtinPrinter(key: string): Printer | undefined {
  return PRINTERS[key];
}
