// The Box's dependency graph as data (box-names.md "who depends on what"): components, the namespaces and
// workloads they are made of, what each needs, and the words an on-call engineer reads when it is down.
// OpenBao and PostgreSQL are the roots most things hang off. Also the Box's names that actions and runbooks
// act on (the database cluster, the barman pod, the ingress certificate...), with the defaults of the Box and
// the config file's `box:` section over them; the graph and the check areas are built from those names
// (boxGraph, checkAreas), so that the console works on a Box whose names differ.

/** The names the runbooks and actions act on. Defaults: DEFAULT_BOX_NAMES; the config file's `box:` overrides. */
export interface BoxNames {
  /** The CloudNativePG Cluster of the Box's database. */
  database: { namespace: string; cluster: string };
  /** The CloudNativePG operator's Deployment. */
  operator: { namespace: string; deployment: string };
  /** The barman pod (its container and label selector) and the barman server it backs up. */
  barman: { namespace: string; pod: string; container: string; server: string; selector: string };
  /** The ingress: the Pingora Deployment and its TLS Certificate. */
  ingress: { namespace: string; deployment: string; certificate: string };
}

/** What the config file may say: any part of BoxNames. */
export type BoxNamesOverrides = { [K in keyof BoxNames]?: Partial<BoxNames[K]> };

export const DEFAULT_BOX_NAMES: BoxNames = {
  database: { namespace: 'data', cluster: 'postgres' },
  operator: { namespace: 'cnpg-system', deployment: 'cnpg-controller-manager' },
  barman: { namespace: 'data', pod: 'barman-0', container: 'barman', server: 'postgres', selector: 'app=barman' },
  ingress: { namespace: 'ingress', deployment: 'pingora', certificate: 'pingora-tls' },
};

/**
 * The Box's names: the defaults with the overrides over them. barman's namespace and server follow the
 * database's unless given (barman's server is named after the cluster it backs up).
 */
export function boxNames(config?: { box?: BoxNamesOverrides }): BoxNames {
  const o = config?.box ?? {};
  const d = DEFAULT_BOX_NAMES;
  const database = { ...d.database, ...o.database };
  return {
    database,
    operator: { ...d.operator, ...o.operator },
    barman: { ...d.barman, namespace: database.namespace, server: database.cluster, ...o.barman },
    ingress: { ...d.ingress, ...o.ingress },
  };
}

/** "data/postgres" */
export function databaseRef(n: BoxNames): string {
  return `${n.database.namespace}/${n.database.cluster}`;
}

export interface BoxComponent {
  /** `${namespace}/${workload}`: the workload (or CNPG Cluster) name the findings carry as `component`. */
  id: string;
  /** A human name: "PostgreSQL", "OpenBao". */
  label: string;
  /** Component ids this one needs to work. */
  dependsOn: readonly string[];
  /** How a dependant's finding explains itself when this component is failing. */
  because: string;
  /** What "running but not ready" means for this component, when we know (OpenBao: sealed). */
  notReady?: { title: string; next: string };
}

const BAO = 'openbao/openbao';
const VSO = 'vault-secrets-operator/vault-secrets-operator-controller-manager';
const LINKERD = ['linkerd/linkerd-destination', 'linkerd/linkerd-identity', 'linkerd/linkerd-proxy-injector'];
const SEAWEED = ['storage/seaweedfs-master', 'storage/seaweedfs-volume', 'storage/seaweedfs-filer'];
const ORDINAL = /-\d+$/;

const c = (id: string, label: string, because: string, dependsOn: readonly string[] = []): BoxComponent => ({ id, label, because, dependsOn });

/** The Box's components for its names, in root-first order: the order also breaks ties when sorting root causes. */
function boxComponents(n: BoxNames): BoxComponent[] {
  const DB = databaseRef(n);
  const PINGORA = `${n.ingress.namespace}/${n.ingress.deployment}`;
  /** barman's StatefulSet: its pod's name without the ordinal (barman-0 -> barman). */
  const BARMAN = `${n.barman.namespace}/${n.barman.pod.replace(ORDINAL, '')}`;
  /** Apps that need the database and credentials from OpenBao through the Vault Secrets Operator. */
  const DB_APP = [DB, BAO, VSO];
  /** Apps served through the ingress. */
  const EDGE = [PINGORA, ...LINKERD];
  return [
    c('kube-system/coredns', 'CoreDNS', 'because cluster DNS (CoreDNS) is down'),
    {
      ...c(BAO, 'OpenBao', 'blocked by: OpenBao sealed'),
      notReady: {
        title: 'OpenBao not ready, probably sealed',
        next: 'OpenBao fails its readiness probe while sealed, and almost everything needs it for credentials: unseal it first (3 of 5 keys; rung 4, Vault).',
      },
    },
    c(DB, 'PostgreSQL', 'because the database is down'),
    c(`${n.operator.namespace}/${n.operator.deployment}`, 'the CloudNativePG operator', 'because the CloudNativePG operator is down'),
    c(LINKERD[0]!, 'Linkerd destination', 'because Linkerd is down'),
    c(LINKERD[1]!, 'Linkerd identity', 'because Linkerd is down'),
    c(LINKERD[2]!, 'Linkerd proxy injector', 'because Linkerd is down'),
    c('storage/seaweedfs-master', 'the SeaweedFS master', 'because SeaweedFS storage is down'),
    c('storage/seaweedfs-volume', 'the SeaweedFS volume server', 'because the SeaweedFS volume server is down', ['storage/seaweedfs-master']),
    c('storage/seaweedfs-filer', 'the SeaweedFS filer', 'because the SeaweedFS filer is down', ['storage/seaweedfs-master', 'storage/seaweedfs-volume']),
    c(VSO, 'the Vault Secrets Operator', 'because the Vault Secrets Operator is down', [BAO]),
    c('cert-manager/cert-manager', 'cert-manager', 'because cert-manager is down'),
    c('cert-manager/cert-manager-webhook', 'the cert-manager webhook', 'because the cert-manager webhook is down'),
    c('cert-manager/cert-manager-cainjector', 'the cert-manager CA injector', 'because the cert-manager CA injector is down'),
    c(`${n.ingress.namespace}/${n.ingress.certificate}`, 'the ingress TLS certificate', 'because the ingress certificate is not valid', ['cert-manager/cert-manager']),
    c(PINGORA, 'Pingora', 'because the Pingora ingress is down', [LINKERD[0]!, LINKERD[1]!]),
    c(BARMAN, 'barman', 'because barman is down', [DB]),
    c('messages/messages', 'Messages', 'because Messages is down', [...DB_APP, ...EDGE]),
    c('messages/messages-worker', 'the Messages worker', 'because the Messages worker is down', DB_APP),
    c('gitea/gitea', 'Gitea', 'because Gitea is down', [...DB_APP, ...SEAWEED, ...EDGE]),
    c('drive/drive', 'Drive', 'because Drive is down', [...DB_APP, ...SEAWEED, ...EDGE]),
    c('matrix/synapse', 'Synapse', 'because Matrix (Synapse) is down', [...DB_APP, ...EDGE]),
    c('matrix/mistral', "Sol's brain (the Mistral API)", "because Sol's brain (the Mistral API) does not answer"),
    c('matrix/sol', 'Sol', 'because Sol is down', [...DB_APP, 'matrix/synapse', 'matrix/mistral']),
    c('mail/postfix', 'Postfix', 'because Postfix is down'),
    c('monitoring/prometheus', 'Prometheus', 'because Prometheus is down'),
    c('monitoring/alertmanager', 'AlertManager', 'because AlertManager is down', ['monitoring/prometheus']),
    c('monitoring/loki', 'Loki', 'because Loki is down'),
    c('monitoring/grafana', 'Grafana', 'because Grafana is down', ['monitoring/prometheus', 'monitoring/loki', ...EDGE]),
    c('monitoring/matrix-alertmanager-receiver', 'the Matrix alert receiver', 'because alerts cannot reach Matrix', ['monitoring/alertmanager', 'matrix/synapse']),
  ];
}

/** The dependency graph of a Box with these names: its components, and the lookups the ladder orders by. */
export interface BoxGraph {
  /** In root-first order. */
  components: readonly BoxComponent[];
  byId: ReadonlyMap<string, BoxComponent>;
  /** Root-first rank of a component (unknown components sort after the Box's own). */
  rank(id: string): number;
  /** Every component `id` needs, directly or through others (the transitive closure), memoised. */
  ancestorsOf(id: string): readonly string[];
}

function buildGraph(names: BoxNames): BoxGraph {
  const components = boxComponents(names);
  const byId = new Map(components.map((x) => [x.id, x]));
  const ranks = new Map(components.map((x, i) => [x.id, i]));
  const closure = new Map<string, readonly string[]>();
  return {
    components,
    byId,
    rank: (id) => ranks.get(id) ?? components.length,
    ancestorsOf(id) {
      const hit = closure.get(id);
      if (hit) return hit;
      const seen = new Set<string>();
      const stack = [...(byId.get(id)?.dependsOn ?? [])];
      while (stack.length) {
        const x = stack.pop()!;
        if (seen.has(x) || x === id) continue;
        seen.add(x);
        stack.push(...(byId.get(x)?.dependsOn ?? []));
      }
      const out = [...seen];
      closure.set(id, out);
      return out;
    },
  };
}

const graphs = new WeakMap<BoxNames, BoxGraph>();

/** The graph for these names, built once per names object (the store holds one for the session). */
export function boxGraph(names: BoxNames = DEFAULT_BOX_NAMES): BoxGraph {
  let g = graphs.get(names);
  if (!g) graphs.set(names, (g = buildGraph(names)));
  return g;
}

/** The default Box's components (the playbook's names). */
export const BOX_COMPONENTS: readonly BoxComponent[] = boxGraph().components;

/** Every component `id` of the default Box needs, directly or through others. */
export function ancestorsOf(id: string): readonly string[] {
  return boxGraph().ancestorsOf(id);
}

/** Whether a pod's labels match a Box name's equality selector ("app=barman", "a=b,c==d"). */
export function matchesSelector(labels: Readonly<Record<string, string>>, selector: string): boolean {
  return selector
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .every((t) => {
      const [k, v] = t.split(/==?/, 2) as [string, string | undefined];
      return v === undefined ? k.trim() in labels : labels[k.trim()] === v.trim();
    });
}

export interface CheckArea {
  namespaces: readonly string[];
  components?: readonly string[];
  describe: string;
}

/** The areas of `sunbeam check AREA` for a Box with these names: namespaces, or components within namespaces. */
export function checkAreas(n: BoxNames): Readonly<Record<string, CheckArea>> {
  return {
    data: { namespaces: [...new Set([n.database.namespace, n.operator.namespace, n.barman.namespace])], describe: 'PostgreSQL (CloudNativePG), the operator, barman and backups' },
    storage: { namespaces: ['storage'], describe: 'the SeaweedFS servers and their volumes' },
    matrix: { namespaces: ['matrix'], describe: 'Synapse and Sol' },
    monitoring: { namespaces: ['monitoring'], describe: 'Prometheus, AlertManager, Grafana, Loki and the Matrix alert receiver' },
  };
}

/** The areas of the default Box: their names and descriptions are the same on every Box (usage, help). */
export const CHECK_AREAS = checkAreas(DEFAULT_BOX_NAMES);
