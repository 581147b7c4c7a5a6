// The labels a Box's log collector (Promtail / Alloy with the Kubernetes discovery and a level stage) gives
// each line, as the simulated Loki serves them: namespace, pod, container, app (the pod's `app` or
// `app.kubernetes.io/name` label, else the workload that owns it), level (from the line's own format) and
// service_name (= app, as Loki 3 adds it). Pure functions.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LineOrigin {
  namespace: string;
  pod: string;
  container: string;
  /** The pod's labels. */
  labels: Record<string, string>;
}

/** What a level word means, in any of the Box's formats (error, ERR, E, FATAL, critical, warning, W, D...). */
export function normalizeLevel(word: string): LogLevel | undefined {
  switch (word.toLowerCase()) {
    case 'e': case 'f': case 'err': case 'error': case 'fatal': case 'crit': case 'critical': case 'panic': case 'emerg': case 'alert':
      return 'error';
    case 'w': case 'warn': case 'warning':
      return 'warn';
    case 'i': case 'info': case 'information': case 'notice': case 'log':
      return 'info';
    case 'd': case 't': case 'debug': case 'trace': case 'debug1': case 'debug2': case 'debug3': case 'debug4': case 'debug5':
      return 'debug';
    default:
      return undefined;
  }
}

const JSON_LEVEL_KEYS = ['level', 'lvl', 'severity', 'levelname'];
const FORMATS: RegExp[] = [
  // logfmt: level=info, level="error" (Prometheus, Loki, Grafana, Linkerd, the receiver)
  /(?:^|\s)(?:level|lvl)="?([A-Za-z]+)"?(?:\s|$)/,
  // klog / glog: I1123 19:40:01.123456 (cert-manager, SeaweedFS)
  /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s/,
  // PostgreSQL: 2026-11-23 19:40:01.123 UTC [21] LOG:  ...
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} UTC \[\d+\] (LOG|WARNING|ERROR|FATAL|PANIC|INFO|NOTICE|DEBUG\d?):\s/,
  // OpenBao / Vault (hclog) and CoreDNS: [INFO], [WARN], [ERROR]
  /^(?:\S+ )?\[(TRACE|DEBUG|INFO|WARN|ERROR)\]\s/,
  // Python logging as Synapse prints it: " - synapse.x - 461 - ERROR - main - "
  / - \d+ - (DEBUG|INFO|WARNING|ERROR|CRITICAL) - /,
  // Python logging as barman prints it: "[123] barman.server ERROR: "
  /^\S+ \S+ \[\d+\] [\w.]+ (DEBUG|INFO|WARNING|ERROR|CRITICAL):/,
  // Rust tracing (Pingora): 2026-11-23T19:40:01.123Z WARN target: ...
  /^\d{4}-\d{2}-\d{2}T\S+Z (TRACE|DEBUG|INFO|WARN|ERROR) /,
  // Gitea: 2026/11/23 19:40:01 ...go:63:Get() [E] ...
  /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \S+ \[([TDIWEF])\] /,
];

/** The level of one line, read from its own format; a line that names none is `info`. */
export function levelOfLine(text: string): LogLevel {
  if (text.startsWith('{')) {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      for (const k of JSON_LEVEL_KEYS) {
        const v = o[k];
        if (typeof v === 'string') return normalizeLevel(v) ?? 'info';
      }
      return 'info';
    } catch {
      // not JSON after all: try the text formats
    }
  }
  for (const re of FORMATS) {
    const m = re.exec(text);
    if (m) return normalizeLevel(m[1]!) ?? 'info';
  }
  return 'info';
}

/** A pod's app: its `app` / `app.kubernetes.io/name` label, else its workload's name (CNPG cluster, Job, ReplicaSet owner). */
export function appOf(pod: string, labels: Record<string, string>): string {
  const named = labels.app ?? labels['app.kubernetes.io/name'] ?? labels['cnpg.io/cluster'] ?? labels['batch.kubernetes.io/job-name'] ?? labels['job-name'];
  if (named) return named;
  if (labels['pod-template-hash']) return pod.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '');
  return pod.replace(/-(\d+|[a-z0-9]{5})$/, '');
}

/** The stream labels of one line: where it came from and its level. */
export function lokiLabels(origin: LineOrigin, text: string): Record<string, string> {
  const app = appOf(origin.pod, origin.labels);
  return { app, container: origin.container, level: levelOfLine(text), namespace: origin.namespace, pod: origin.pod, service_name: app };
}
