// The program definition: every command of sunbeam-console with its description, flags, the environment it
// reads, its exit codes and an example, as data. program.ts builds the commander program from it, completion.ts
// the shell completion, cli-reference.ts the README's command reference. Each command's module is loaded only
// when that command runs (the console draws its first frame fast; --help loads no command at all).
import { CHECK_AREAS } from '../ladder/box-graph.js';
import { SCENARIO_NAMES } from '../sim/box/scenarios.js';
import type { CommandSpec, OptionSpec } from './spec.js';

export const PROGRAM_NAME = 'sunbeam-console';

/** Every environment variable a command reads, and what for. */
export const ENVIRONMENT: Readonly<Record<string, string>> = {
  KUBECONFIG: 'kubeconfig files, separated by ":" and merged as kubectl merges them (when neither --kubeconfig nor the config file names one; default ~/.kube/config)',
  SUNBEAM_CONFIG: 'the config file (default $XDG_CONFIG_HOME/sunbeam-console/config.yaml)',
  SUNBEAM_READ_ONLY: 'true or 1 removes every action above read; false or 0 overrides readOnly in the config file',
  XDG_CONFIG_HOME: 'the base of the config file and the user runbooks (default ~/.config)',
  XDG_STATE_HOME: 'the base of the journal, the demo journal and COE drafts without a coeDir (default ~/.local/state)',
  USER: 'the default --author of a COE draft',
  BAO_ADDR: "OpenBao's address, the openbao Service (VAULT_ADDR too; without either, rung 4 is not connected)",
  BAO_TOKEN: 'the OpenBao token (VAULT_TOKEN too; else ~/.vault-token): KV reads and writes, the token check',
  BAO_CACERT: "the PEM file of the CA that signed OpenBao's certificate (VAULT_CACERT too)",
  BAO_SKIP_VERIFY: "true or 1: do not check OpenBao's TLS certificate (a test box only)",
  NO_COLOR: 'any value turns colours off',
  LOKI_ADDR: "Loki's address, as logcli reads it (without it, rung 7 is not connected and mon loki logs asks for it)",
  LOKI_ORG_ID: 'the Loki tenant, sent as X-Scope-OrgID',
  LOKI_BEARER_TOKEN: 'a bearer token for Loki (or LOKI_BEARER_TOKEN_FILE: a file holding one)',
  LOKI_BEARER_TOKEN_FILE: 'a file holding the bearer token for Loki',
  LOKI_USERNAME: 'the basic-auth user for Loki, with LOKI_PASSWORD',
  LOKI_PASSWORD: 'the basic-auth password for Loki, with LOKI_USERNAME',
  LOKI_CA_CERT_PATH: "the PEM file of the CA that signed Loki's certificate",
  LOKI_TLS_SKIP_VERIFY: "true: do not check Loki's TLS certificate (a test box only)",
  ALERTMANAGER_URL: "AlertManager's URL, as amtool reads it (after --alertmanager.url, before the config file's alertmanager.url; default http://localhost:9093); a path with /api/alertmanager/ in it is Grafana's built-in Alertmanager",
  GRAFANA_TOKEN: "a Grafana service account token, for Grafana's built-in Alertmanager (sent as a bearer token, never shown)",
  ALERTMANAGER_CA_CERT_PATH: "the PEM file of the CA that signed AlertManager's certificate (https)",
};

/** The scenarios of the simulated Box (--scenario). */
export const SCENARIOS: readonly string[] = SCENARIO_NAMES;
export const OUTPUT_FORMATS = ['json', 'yaml', 'wide'] as const;
/** The namespaces of the playbook's Box, offered by completion (any namespace is accepted). */
export const BOX_NAMESPACES = ['cert-manager', 'cnpg-system', 'data', 'ingress', 'kube-system', 'linkerd', 'matrix', 'messages', 'monitoring', 'openbao', 'storage'] as const;

const kubeconfig: OptionSpec = { flags: '--kubeconfig <PATH>', description: 'the kubeconfig file to use (instead of KUBECONFIG or ~/.kube/config)', completes: 'file' };
const context: OptionSpec = { flags: '--context <NAME>', description: "the kubeconfig context to use (default the kubeconfig's current-context)" };
const demo: OptionSpec = { flags: '--demo', description: 'run against the in-process simulated Box instead of a cluster (its own journal)' };
const scenario: OptionSpec = { flags: '--scenario <NAME>', description: `the simulated Box's scenario, with --demo: ${SCENARIOS.join(', ')} (default healthy)`, completes: 'scenario' };
const namespace = (what: string): OptionSpec => ({ flags: '-n, --namespace <NAMESPACE>', description: what, completes: 'namespace' });
const allNamespaces: OptionSpec = { flags: '-A, --all-namespaces', description: "every namespace, even when the config file or the context's namespace names one" };
const output: OptionSpec = { flags: '-o, --output <FORMAT>', description: 'the output format (yaml is the same object as json; wide adds columns); default text', choices: OUTPUT_FORMATS, completes: 'output' };
const json: OptionSpec = { flags: '--json', description: 'the same as -o json', conflicts: ['output'] };
const readOnly: OptionSpec = { flags: '--read-only', description: 'refuse every action above read (also SUNBEAM_READ_ONLY, readOnly: true in the config file)' };
const yes: OptionSpec = { flags: '-y, --yes', description: 'confirm without asking (needed when stdin is not a terminal)' };
const dryRun: OptionSpec = { flags: '--dry-run', description: 'show the plan and run a server-side dry run; change nothing' };
const timeout: OptionSpec = { flags: '--timeout <SECONDS>', description: 'how long to wait for the verification (default per action)' };

const CONNECT = [kubeconfig, context, demo, scenario] as const;
const ACT = [yes, dryRun, readOnly, timeout] as const;
const KUBE_ENV = ['KUBECONFIG', 'SUNBEAM_CONFIG', 'XDG_CONFIG_HOME'] as const;
const ACTION_ENV = [...KUBE_ENV, 'SUNBEAM_READ_ONLY', 'XDG_STATE_HOME'] as const;
const BAO_ENV = ['BAO_ADDR', 'BAO_TOKEN', 'BAO_CACERT', 'BAO_SKIP_VERIFY'] as const;

const reportExits = (ok: string, not: string) =>
  [
    [0, ok],
    [1, not],
    [2, 'could not tell (the API is unreachable, refuses or does not answer in 10 s), or bad usage'],
  ] as const;
const ACTION_EXITS = [
  [0, 'done and verified (or a dry run)'],
  [1, 'failed, not verified, cancelled or refused (read-only)'],
  [2, 'bad usage, including a change without --yes when stdin is not a terminal'],
] as const;
const USAGE_EXIT = [2, 'bad usage'] as const;

const AREAS = Object.keys(CHECK_AREAS);

const LOKI_ENV = ['LOKI_ADDR', 'LOKI_ORG_ID', 'LOKI_BEARER_TOKEN', 'LOKI_BEARER_TOKEN_FILE', 'LOKI_USERNAME', 'LOKI_PASSWORD', 'LOKI_CA_CERT_PATH', 'LOKI_TLS_SKIP_VERIFY'] as const;

/** `mon loki logs` and its alias `mon logs`: rung 7's query across everything, as logcli prints it. */
const MON_LOGS: CommandSpec = {
  name: 'logs',
  summary: "Loki's lines for a LogQL query, as logcli query prints them (-f follows)",
  description:
    'Prints the newest --limit lines of the last --since that QUERY selects, newest first as logcli does (--forward: oldest first), as TIME {labels} LINE with the labels every line shares said once on stderr; -o raw prints the lines alone, -o json one JSON object a line. Pages past Loki\'s own limit. With -f, the newest --limit lines oldest first and then the live tail, resumed without a duplicate or a gap when Loki ends it, until Ctrl-C. LOKI_ADDR (and LOKI_* as logcli reads them) says where Loki is; --demo uses the simulated Box\'s.',
  args: [{ name: 'QUERY', description: 'a LogQL log query, for example \'{level="error"}\' or \'{namespace="matrix", app="sol"} |= "timeout"\'', required: true }],
  options: [
    { flags: '--since <DURATION>', description: 'how far back: 1h, 15m, 90s, 2d (default 1h)' },
    { flags: '--limit <N>', description: 'at most this many lines, 0 for all (default 30)' },
    { flags: '--forward', description: 'oldest first (without -f)' },
    { flags: '-f, --follow', description: 'then follow the live tail until Ctrl-C' },
    { flags: '-o, --output <FORMAT>', description: 'raw: the lines alone; json: one JSON object a line (labels, line, timestamp); default TIME {labels} LINE', choices: ['default', 'raw', 'json', 'jsonl'] },
    demo,
    scenario,
  ],
  env: LOKI_ENV,
  exitCodes: [
    [0, 'printed (or followed until Ctrl-C)'],
    [1, 'Loki refused the query, or did not answer'],
    [2, 'bad usage, or LOKI_ADDR is not set'],
  ],
  examples: ["sunbeam-console mon loki logs '{level=\"error\"}' --since 15m", "sunbeam-console mon logs '{namespace=\"matrix\", app=\"sol\"}' -f -o raw", "sunbeam-console mon loki logs '{level=\"error\"}' -o json --demo --scenario sol-crashloop"],
  load: async () => (await import('./mon-logs.js')).run,
};

const AM_ENV = ['ALERTMANAGER_URL', 'GRAFANA_TOKEN', 'ALERTMANAGER_CA_CERT_PATH', 'SUNBEAM_CONFIG', 'XDG_CONFIG_HOME'] as const;
const alertmanagerUrl: OptionSpec = { flags: '--alertmanager.url <URL>', description: "AlertManager's URL, as amtool takes it (wins over ALERTMANAGER_URL and the config file; default http://localhost:9093)" };
const AM_CONNECT = [alertmanagerUrl, demo, scenario] as const;
const MATCHERS_ARG = { name: 'MATCHER', description: 'label matchers as amtool takes them: alertname=PostgresDown, severity="critical", namespace=~"data|matrix", instance!=x, or a bare alert name', variadic: true } as const;
const AM_ACTION_EXITS = [
  [0, 'done and verified (or a dry run)'],
  [1, 'AlertManager refused or did not answer, the silence was not verified, or read-only'],
  [2, 'bad usage (a bad matcher or duration, no comment, a change without --yes when stdin is not a terminal)'],
] as const;

/** `mon alerts` and its alias `mon grafana alerts`: rung 6, as amtool alert query shows it. */
const MON_ALERTS: CommandSpec = {
  name: 'alerts',
  summary: "AlertManager's alerts, grouped by severity then alertname (the playbook's sunbeam mon grafana alerts)",
  description:
    "Prints AlertManager's alerts as amtool alert query shows them (alert name, starts at, state, summary) with each one's age, grouped by severity (critical first) and then by alert name; --json prints them as JSON. MATCHER... (amtool's syntax) narrows them; -a, -s and -i keep only the active, silenced or inhibited ones. AlertManager is --alertmanager.url, else ALERTMANAGER_URL, else the config file's alertmanager.url, else http://localhost:9093; Grafana's built-in Alertmanager is https://GRAFANA/api/alertmanager/grafana with GRAFANA_TOKEN. The dead man's switch (Watchdog) never counts as firing.",
  args: [MATCHERS_ARG],
  options: [
    { flags: '-a, --active', description: 'only the active (firing, not silenced or inhibited) alerts' },
    { flags: '-s, --silenced', description: 'only the silenced alerts' },
    { flags: '-i, --inhibited', description: 'only the inhibited alerts' },
    { flags: '--json', description: 'the alerts as a JSON array (labels, annotations, state, silencedBy, startsAt...)' },
    ...AM_CONNECT,
  ],
  env: AM_ENV,
  exitCodes: [
    [0, 'printed; no critical alert is firing (among those shown)'],
    [1, 'printed; a critical alert is firing'],
    [2, 'could not tell (AlertManager unreachable, refused the credentials or did not answer in 10 s), or bad usage'],
  ],
  examples: ['sunbeam-console mon alerts', 'sunbeam-console mon grafana alerts severity=critical --json', "ALERTMANAGER_URL=https://grafana.example/api/alertmanager/grafana GRAFANA_TOKEN=... sunbeam-console mon alerts -a"],
  load: async () => (await import('./mon-alerts.js')).run,
};

const MON_SILENCE: CommandSpec = {
  name: 'silence',
  summary: 'AlertManager silences: add, query, expire (as amtool silence)',
  description: "AlertManager's silences, as amtool's silence commands take them. add and expire are changes: journaled, refused in read-only mode, confirmed (or --yes).",
  exitCodes: [USAGE_EXIT],
  examples: ['sunbeam-console mon silence add alertname=PostgresDown --duration 2h --comment "restoring from backup, INC-42" --yes', 'sunbeam-console mon silence query', 'sunbeam-console mon silence expire $(sunbeam-console mon silence query -q alertname=PostgresDown)'],
  subcommands: [
    {
      name: 'add',
      summary: 'silence the alerts matching MATCHER... for a while, with a comment',
      description:
        'Shows the alerts the silence would match now, asks for confirmation (or --yes), creates the silence from now for --duration and prints its id; the journal records it. The comment is required; the author is --author, else $USER.',
      args: [{ ...MATCHERS_ARG, required: true }],
      options: [
        { flags: '-d, --duration <DURATION>', description: 'how long: 1h, 30m, 2h30m (default 1h, as amtool)' },
        { flags: '-c, --comment <TEXT>', description: 'why: a ticket, what is being fixed (required)' },
        { flags: '--author <NAME>', description: 'who (default $USER)' },
        yes,
        { flags: '--dry-run', description: 'show the plan and the alerts it would match; send nothing' },
        readOnly,
        ...AM_CONNECT,
      ],
      env: [...AM_ENV, 'USER', 'SUNBEAM_READ_ONLY', 'XDG_STATE_HOME'],
      exitCodes: AM_ACTION_EXITS,
      examples: ['sunbeam-console mon silence add alertname=PostgresDown --duration 2h --comment "restoring, INC-42"', "sunbeam-console mon silence add '{namespace=\"matrix\",severity=\"warning\"}' -d 30m -c 'Sol redeploy' --yes"],
      load: async () => (await import('./mon-silence.js')).add,
    },
    {
      name: 'query',
      summary: 'list the silences (active and pending; --expired: the expired ones)',
      description: "Prints the silences as amtool silence query does (ID, matchers, ends at, created by, comment): the active and pending ones, or with --expired the expired ones. MATCHER... keeps the silences whose matchers match it; -q prints the ids alone (for silence expire).",
      args: [MATCHERS_ARG],
      options: [
        { flags: '--expired', description: 'the expired silences instead' },
        { flags: '-q, --quiet', description: 'the ids only, one a line' },
        { flags: '--json', description: 'the silences as a JSON array' },
        ...AM_CONNECT,
      ],
      env: AM_ENV,
      exitCodes: [
        [0, 'printed'],
        [2, 'could not tell (AlertManager unreachable, refused or did not answer), or bad usage'],
      ],
      examples: ['sunbeam-console mon silence query', 'sunbeam-console mon silence query --expired alertname=PostgresDown --json'],
      load: async () => (await import('./mon-silence.js')).query,
    },
    {
      name: 'expire',
      summary: 'expire silences now',
      description: 'Shows each silence and the alerts it silences now (they will notify again), asks for confirmation (or --yes), expires them and checks that AlertManager lists them as expired; the journal records it.',
      args: [{ name: 'ID', description: 'the silence ids (see mon silence query -q)', required: true, variadic: true }],
      options: [yes, { flags: '--dry-run', description: 'show the plan; send nothing' }, readOnly, ...AM_CONNECT],
      env: [...AM_ENV, 'SUNBEAM_READ_ONLY', 'XDG_STATE_HOME'],
      exitCodes: AM_ACTION_EXITS,
      examples: ['sunbeam-console mon silence expire 5dcd6389-061c-4cf3-a9a8-ab3f69efc961 --yes'],
      load: async () => (await import('./mon-silence.js')).expire,
    },
  ],
};

const MON: CommandSpec = {
  name: 'mon',
  summary: 'the monitoring stack: Loki logs, AlertManager alerts and silences',
  description: "The Box's monitoring stack, as the playbook's sunbeam mon steps: Loki's logs across everything (rung 7), AlertManager's (or Grafana's) alerts and silences (rung 6).",
  exitCodes: [USAGE_EXIT],
  examples: ["sunbeam-console mon loki logs '{level=\"error\"}'"],
  subcommands: [
    {
      name: 'loki',
      summary: 'Loki: logs',
      description: "Loki, read as logcli reads it (LOKI_ADDR, LOKI_ORG_ID, LOKI_BEARER_TOKEN, LOKI_USERNAME/LOKI_PASSWORD, LOKI_CA_CERT_PATH).",
      exitCodes: [USAGE_EXIT],
      examples: ["sunbeam-console mon loki logs '{level=\"error\"}' --since 15m"],
      subcommands: [MON_LOGS],
    },
    { ...MON_LOGS, summary: 'the same as mon loki logs' },
    MON_ALERTS,
    MON_SILENCE,
    {
      name: 'grafana',
      summary: "Grafana's alerts (the playbook's sunbeam mon grafana alerts)",
      description: "The alerts AlertManager (or Grafana's built-in Alertmanager) holds, as the playbook's sunbeam mon grafana alerts.",
      exitCodes: [USAGE_EXIT],
      examples: ['sunbeam-console mon grafana alerts'],
      subcommands: [{ ...MON_ALERTS, summary: 'the same as mon alerts' }],
    },
  ],
};

export const PROGRAM: CommandSpec = {
  name: PROGRAM_NAME,
  summary: 'the incident console for the Super Boujee Business Box',
  description:
    'A full-screen, keyboard-first incident console for the Box: the playbook\'s diagnostic ladder, its runbooks and the incident journal. Without a command it opens the console; the commands are one-shots for scripts and for the playbook\'s "sunbeam ..." steps.',
  env: Object.keys(ENVIRONMENT),
  exitCodes: [[0, 'done'], USAGE_EXIT],
  examples: ['sunbeam-console --demo --scenario postgres-down', 'sunbeam-console status -A -o wide', 'sunbeam-console help check'],
  subcommands: [
    {
      name: 'console',
      isDefault: true,
      summary: 'the full-screen console (the default command)',
      description: 'Opens the full-screen console on the alternate screen: the ladder, the panes, the runbooks and the journal. It needs a terminal on stdin and stdout. Outside --demo the kubeconfig is read before the screen opens.',
      options: [demo, scenario, kubeconfig, context, namespace('the namespace the panes start in (default the config file\'s, else the context\'s)'), allNamespaces, readOnly, alertmanagerUrl],
      env: [...ACTION_ENV, 'ALERTMANAGER_URL', 'GRAFANA_TOKEN', 'NO_COLOR'],
      exitCodes: [
        [0, 'quit (q)'],
        [2, 'bad usage, no terminal, or no usable kubeconfig'],
        [70, 'crashed (the terminal is restored first)'],
        [129, 'the terminal went away (SIGHUP)'],
        [130, 'interrupted (SIGINT)'],
        [143, 'terminated (SIGTERM)'],
      ],
      examples: ['sunbeam-console --demo --scenario vault-sealed', 'sunbeam-console --context prod -n data --read-only'],
    },
    {
      name: 'status',
      summary: "what runs: nodes, workloads and pods (the playbook's sunbeam status)",
      description: "Prints what runs, once, as kubectl get would: the nodes, then the workloads, CloudNativePG clusters and pods, and what is not running well. With every namespace in scope each row carries its namespace.",
      options: [namespace("only this namespace (default the config file's, else the context's, else all)"), allNamespaces, output, json, ...CONNECT],
      env: KUBE_ENV,
      exitCodes: reportExits('everything in scope is running', 'something in scope is not'),
      examples: ['sunbeam-console status -n data', 'sunbeam-console status -A -o wide', 'sunbeam-console status --demo --scenario postgres-down -o yaml'],
      load: async () => (await import('./status-command.js')).run,
    },
    {
      name: 'check',
      summary: "what is unhealthy, root cause first (the playbook's sunbeam check)",
      description: `Prints the findings in dependency order, the root cause first and "because ..." on what follows from it, then the ladder's seven rungs and a verdict. SCOPE is a namespace or an area: ${AREAS.map((a) => `${a} (${CHECK_AREAS[a]!.describe})`).join('; ')}.`,
      args: [{ name: 'SCOPE', description: `a namespace or an area (${AREAS.join(', ')}); default the whole Box`, completes: 'area' }],
      options: [namespace('check this namespace (the same as SCOPE)'), allNamespaces, output, json, ...CONNECT],
      env: KUBE_ENV,
      exitCodes: reportExits('healthy: no findings', 'unhealthy or degraded'),
      examples: ['sunbeam-console check', 'sunbeam-console check data -o json', 'sunbeam-console check -n matrix --demo --scenario sol-crashloop'],
      load: async () => (await import('./check-command.js')).run,
    },
    {
      name: 'logs',
      summary: "the logs of a service's pods, merged, or followed with -f (the playbook's sunbeam logs)",
      description:
        "Prints the logs of every container of every pod of NAME, as stern does: a CloudNativePG Cluster (its instances), a Deployment, StatefulSet or DaemonSet (its selector), a Service (its selector), a Job or a pod, looked up in that order. Without -f it prints what is there, merged in time order, and exits; with -f it follows until Ctrl-C: new pods join (a rollout restart does not end it), a dropped connection resumes from its last line with nothing lost or repeated, a restarted container is followed again. Each line is POD CONTAINER TEXT, a colour per pod on a terminal (none with NO_COLOR).",
      args: [{ name: 'NS/NAME', description: 'what to read, for example matrix/sol (or NAME with -n NS)', required: true }],
      options: [
        { flags: '-f, --follow', description: 'keep following: new lines, new pods, restarted containers' },
        { flags: '--since <DURATION>', description: 'only lines newer than this, such as 5m, 1h or 48h' },
        { flags: '--tail <N>', description: 'the last N lines of each container (-1: all, the default)' },
        { flags: '-c, --container <NAME>', description: 'only the container of this name (default every container, init containers left out)' },
        { flags: '--init-containers', description: 'the init containers too' },
        { flags: '--kind <KIND>', description: 'look for this kind of NAME first (a pod that shares a workload\'s name)', choices: ['cluster', 'deployment', 'statefulset', 'daemonset', 'service', 'job', 'pod'] },
        { flags: '-p, --previous', description: "each container's previous instance (after a restart), read once" },
        { flags: '-t, --timestamps', description: "each line's RFC3339 timestamp before its text" },
        { flags: '-i, --include <REGEX>', description: 'only lines matching it (repeatable: any of them); (?i) ignores case', repeatable: true },
        { flags: '-e, --exclude <REGEX>', description: 'leave out lines matching it (repeatable)', repeatable: true },
        { flags: '-o, --output <FORMAT>', description: 'raw: the text only; json: one object per line (message, namespace, podName, containerName, timestamp); default POD CONTAINER TEXT', choices: ['default', 'raw', 'json'] },
        namespace("the namespace of NAME (default the config file's, else the context's)"),
        ...CONNECT,
      ],
      env: [...KUBE_ENV, 'NO_COLOR'],
      exitCodes: [
        [0, 'printed (or followed until Ctrl-C, or until the reader went away)'],
        [1, 'nothing of that name, a bad regex, the API refused or is unreachable, or no log could be read'],
        USAGE_EXIT,
      ],
      examples: ['sunbeam-console logs matrix/sol --tail 50', 'sunbeam-console logs storage/seaweedfs-volume -f --since 5m', "sunbeam-console logs data/postgres -i '(?i)error' -o json"],
      load: async () => (await import('./logs-command.js')).run,
    },
    {
      name: 'restart',
      summary: "restart a workload and verify it (the playbook's sunbeam restart)",
      description: 'Restarts a Deployment, StatefulSet or DaemonSet the way kubectl rollout restart does, or a CloudNativePG Cluster the way its plugin does, after a preflight; then waits until the rollout is complete. Journaled.',
      args: [{ name: 'NS/WORKLOAD', description: 'the workload, for example data/postgres (or WORKLOAD with -n NS)', required: true }],
      options: [namespace('the namespace of WORKLOAD (default the config file\'s, else the context\'s)'), ...ACT, ...CONNECT],
      env: ACTION_ENV,
      exitCodes: ACTION_EXITS,
      examples: ['sunbeam-console restart data/postgres --yes', 'sunbeam-console restart sol -n matrix --dry-run'],
      load: async () => (await import('./restart-command.js')).run,
    },
    {
      name: 'backup',
      summary: 'run a manual database backup and verify it',
      description: "Runs the playbook's manual backup (barman backup postgres in the barman pod, output streamed), or with --cnpg creates a CloudNativePG Backup and waits until it is completed. Journaled.",
      options: [
        { flags: '--cnpg', description: 'a CloudNativePG Backup resource instead of barman' },
        { flags: '--cluster <NS/NAME>', description: "the CloudNativePG cluster to back up, with --cnpg (default box.database in the config file)" },
        ...ACT,
        ...CONNECT,
      ],
      env: ACTION_ENV,
      exitCodes: ACTION_EXITS,
      examples: ['sunbeam-console backup --yes', 'sunbeam-console backup --cnpg --cluster data/postgres --dry-run'],
      load: async () => (await import('./backup-command.js')).run,
    },
    {
      name: 'cert',
      summary: 'certificates: renew',
      description: 'Certificate actions.',
      exitCodes: [USAGE_EXIT],
      examples: ['sunbeam-console cert renew ingress/pingora-tls --yes'],
      subcommands: [
        {
          name: 'renew',
          summary: 'force a certificate renewal and verify it',
          description:
            "Forces a renewal the playbook's way (--delete: delete the Certificate, ingress-shim recreates it) or cmctl's (--issuing: set the Issuing condition); without either, cmctl's unless the Certificate is ingress-shim managed. Waits until it is Ready with a newer notAfter. Journaled.",
          args: [{ name: 'NS/NAME', description: 'the Certificate, for example ingress/pingora-tls (or NAME with -n NS)', required: true }],
          options: [
            { flags: '--delete', description: "delete the Certificate (the playbook's way)", conflicts: ['issuing'] },
            { flags: '--issuing', description: "set the Issuing condition (cmctl renew's way)" },
            namespace('the namespace of NAME'),
            ...ACT,
            ...CONNECT,
          ],
          env: ACTION_ENV,
          exitCodes: ACTION_EXITS,
          examples: ['sunbeam-console cert renew ingress/pingora-tls --delete --yes', 'sunbeam-console cert renew pingora-tls -n ingress --dry-run'],
          load: async () => (await import('./cert-command.js')).run,
        },
      ],
    },
    {
      name: 'vault',
      summary: 'OpenBao: status, unseal, kv put and get',
      description:
        "OpenBao, as the playbook's sunbeam vault steps: the seal state of every replica (reached through the Kubernetes API's pod proxy, since a sealed pod is out of the Service), the unseal with 3 of 5 key shares, and static secret rotation in KV. BAO_ADDR (or VAULT_ADDR) says where OpenBao is; --demo uses the simulated Box's.",
      exitCodes: [USAGE_EXIT],
      examples: ['sunbeam-console vault status', 'sunbeam-console vault unseal', 'sunbeam-console vault kv put secret/messages/smtp value=-'],
      subcommands: [
        {
          name: 'status',
          summary: 'the seal state of every OpenBao replica, as bao status prints it',
          description: "Prints bao status's fields for every replica of the openbao StatefulSet (seal type, sealed, shares and threshold, unseal progress and nonce, version, HA mode and the active node) and whether the token is valid and for how long. Exit codes as bao status's.",
          options: [output, json, ...CONNECT],
          env: [...KUBE_ENV, ...BAO_ENV],
          exitCodes: [
            [0, 'unsealed'],
            [1, 'error: OpenBao is not configured or does not answer'],
            [2, 'sealed (any replica)'],
          ],
          examples: ['sunbeam-console vault status', 'sunbeam-console vault status -o json', 'sunbeam-console vault status --demo --scenario vault-sealed'],
          load: async () => (await import('./vault-status.js')).run,
        },
        {
          name: 'unseal',
          summary: 'enter unseal key shares (3 of 5): every sealed replica, the leader first',
          description:
            'Sends each key share to every sealed replica, the leader first, and prints the progress after each. Without KEY on a terminal it asks for shares with a hidden prompt until OpenBao is unsealed (Enter alone stops); with - it reads the shares from stdin, one per line. A KEY argument works, as in the playbook, but stays in your shell history. A share is never echoed, logged or journaled; the journal records that an unseal ran, on which replicas, and the outcome. --reset discards the shares entered so far.',
          args: [{ name: 'KEY', description: 'one key share (base64 or hex), or - to read shares from stdin; default a hidden prompt' }],
          options: [{ flags: '--reset', description: 'discard the shares entered so far (bao operator unseal -reset)' }, yes, readOnly, ...CONNECT],
          env: [...ACTION_ENV, ...BAO_ENV],
          exitCodes: [
            [0, 'every share given was taken (OpenBao unsealed, or progress made), or the reset was done'],
            [1, 'a share was refused (wrong, malformed, of another cluster), OpenBao did not answer, or read-only'],
            [2, 'bad usage, including no KEY and no - when stdin is not a terminal'],
          ],
          examples: ['sunbeam-console vault unseal', 'sunbeam-console vault unseal - < /secure/three-shares', 'sunbeam-console vault unseal --reset --yes', 'sunbeam-console vault unseal --demo --scenario vault-sealed'],
          load: async () => (await import('./vault-unseal.js')).run,
        },
        {
          name: 'kv',
          summary: 'static secrets in KV v2: put, get',
          description: 'Static secrets in the KV v2 mount, at secret/{app}/{key}.',
          exitCodes: [USAGE_EXIT],
          examples: ['sunbeam-console vault kv get secret/messages/django-secret'],
          subcommands: [
            {
              name: 'put',
              summary: 'write a static secret (check-and-set) and wait for its Kubernetes Secret and rollouts',
              description:
                'Writes the whole secret at PATH with check-and-set against the version it reads first, then waits until the Vault Secrets Operator has updated the Kubernetes Secret synced from it and the Deployments that use it have rolled out. KEY=- reads that value from stdin. The values are never printed or journaled. Rotating secret/messages/django-secret logs every Messages user out.',
              args: [
                { name: 'PATH', description: 'secret/{app}/{key}, for example secret/messages/django-secret', required: true },
                { name: 'KEY=VALUE...', description: 'the fields (KEY=- reads the value from stdin)', required: true, variadic: true },
              ],
              options: [yes, readOnly, timeout, ...CONNECT],
              env: [...ACTION_ENV, ...BAO_ENV],
              exitCodes: ACTION_EXITS,
              examples: ['openssl rand -hex 32 | sunbeam-console vault kv put secret/messages/django-secret DJANGO_SECRET_KEY=- --yes', 'sunbeam-console vault kv put secret/gitea/smtp value=-'],
              load: async () => (await import('./vault-kv.js')).put,
            },
            {
              name: 'get',
              summary: 'read a static secret (values masked unless --show)',
              description: 'Prints the version of the secret at PATH and its fields, each value masked as *** unless --show.',
              args: [{ name: 'PATH', description: 'secret/{app}/{key}', required: true }],
              options: [{ flags: '--show', description: 'print the values (they are secrets: mind the screen and the scrollback)' }, output, json, ...CONNECT],
              env: [...KUBE_ENV, ...BAO_ENV],
              exitCodes: [
                [0, 'printed'],
                [1, 'no such secret, the token was refused, or OpenBao did not answer'],
                [2, 'bad usage'],
              ],
              examples: ['sunbeam-console vault kv get secret/messages/django-secret', 'sunbeam-console vault kv get secret/messages/django-secret -o json --demo'],
              load: async () => (await import('./vault-kv.js')).get,
            },
          ],
        },
      ],
    },
    {
      name: 'runbook',
      summary: 'the runbooks: list, run',
      description: 'The built-in and user runbooks, through the same picker, read-only gate, planner and executor as the console.',
      exitCodes: [USAGE_EXIT],
      examples: ['sunbeam-console runbook list --rung 5', 'sunbeam-console runbook run logs matrix/sol'],
      subcommands: [
        {
          name: 'list',
          summary: 'list the runbooks (for a rung or a target)',
          description: 'Lists the runbooks: id, risk tier and title, with the words runbook run takes in place of templates. With --rung or --target only those that fit, as the console\'s picker offers them; read-only lists only the read ones.',
          options: [
            { flags: '--rung <N>', description: 'only the runbooks of this rung of the ladder (1 to 7)' },
            { flags: '--target <NS/NAME>', description: 'only the runbooks that fit this object' },
            { flags: '--kind <KIND>', description: 'the kind of --target (default Deployment)' },
            namespace('the namespace of a --target given as NAME'),
            readOnly,
          ],
          env: ['SUNBEAM_CONFIG', 'SUNBEAM_READ_ONLY', 'XDG_CONFIG_HOME'],
          exitCodes: [[0, 'listed'], USAGE_EXIT],
          examples: ['sunbeam-console runbook list', 'sunbeam-console runbook list --target data/postgres --kind Cluster'],
          load: async () => (await import('./runbook-command.js')).list,
        },
        {
          name: 'run',
          summary: 'run one runbook',
          description: 'Plans the runbook for its target and parameters, shows the plan and the equivalent commands, asks for confirmation (or --yes), runs and verifies it. A parameter the runbook does not declare is an error.',
          args: [
            { name: 'ID', description: 'the runbook (see runbook list)', required: true },
            { name: 'NS/NAME', description: 'its target, if it takes one (or NAME with -n NS)' },
          ],
          options: [
            { flags: '--kind <KIND>', description: 'the kind of the target (default Deployment)' },
            { flags: '--param <NAME=VALUE>', description: 'a parameter the runbook declares; repeat for more', repeatable: true },
            namespace('the namespace of a target given as NAME'),
            ...ACT,
            ...CONNECT,
          ],
          env: ACTION_ENV,
          exitCodes: ACTION_EXITS,
          examples: ['sunbeam-console runbook run logs matrix/sol', 'sunbeam-console runbook run pitr --param targetTime=2026-11-23T18:00:00Z --dry-run'],
          load: async () => (await import('./runbook-command.js')).runRunbook,
        },
      ],
    },
    {
      name: 'journal',
      summary: 'the incident journal: show it, or add a note',
      description: 'Prints the incident journal as a timeline (or its entries as JSON lines), and says how many torn lines it skipped.',
      options: [
        { flags: '--json', description: 'the entries as JSON lines' },
        { flags: '--incident <ID>', description: 'only the entries of this incident' },
        { flags: '--demo', description: "the demo's journal" },
      ],
      env: ['SUNBEAM_CONFIG', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'],
      exitCodes: [[0, 'printed'], USAGE_EXIT],
      examples: ['sunbeam-console journal', 'sunbeam-console journal --json --incident INC-2026-11-23-1 | jq .kind'],
      load: async () => (await import('./journal-command.js')).show,
      subcommands: [
        {
          name: 'note',
          summary: 'add an operator note to the journal',
          description: 'Appends a note to the journal, in the open incident if there is one.',
          args: [{ name: 'TEXT', description: 'the note (the words are joined with spaces)', required: true, variadic: true }],
          options: [{ flags: '--demo', description: "the demo's journal" }],
          env: ['SUNBEAM_CONFIG', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'],
          exitCodes: [[0, 'noted'], USAGE_EXIT],
          examples: ['sunbeam-console journal note paged the DBA'],
          load: async () => (await import('./journal-command.js')).note,
        },
      ],
    },
    {
      name: 'coe',
      summary: 'COE drafts: export',
      description: 'Correction-of-error drafts from the journal.',
      exitCodes: [USAGE_EXIT],
      examples: ['sunbeam-console coe export'],
      subcommands: [
        {
          name: 'export',
          summary: 'write a COE draft from the journal',
          description:
            "Writes a COE draft in the playbook's format from the journal, numbered after the existing COEs: into --out, else the configured coeDir, else docs/ops/ of the git repository holding the working directory, else the state directory (a --demo run: the demo's state directory). Prints its path; stderr says where and why.",
          options: [
            { flags: '--out <DIR>', description: 'the directory to write into', completes: 'dir' },
            { flags: '--author <NAME>', description: 'the author (default the login name)' },
            { flags: '--title <TITLE>', description: "the title (default the incident's)" },
            { flags: '--incident <ID>', description: 'the incident (default the last one)' },
            { flags: '--demo', description: "from the demo's journal, into the demo's state directory" },
          ],
          env: ['SUNBEAM_CONFIG', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'USER'],
          exitCodes: [[0, 'written'], [1, 'nothing to write up, or it could not be written'], USAGE_EXIT],
          examples: ['sunbeam-console coe export --author oncall', 'sunbeam-console coe export --out docs/ops --incident INC-2026-11-23-1'],
          load: async () => (await import('./coe-command.js')).run,
        },
      ],
    },
    {
      name: 'sim',
      summary: 'run the simulated Box alone (for kubectl and the console)',
      description:
        'Serves the simulated Box\'s Kubernetes API and its OpenBao on 127.0.0.1 over HTTPS, prints one "export NAME=..." line per variable a shell needs (KUBECONFIG, BAO_ADDR, BAO_CACERT, BAO_TOKEN: the demo\'s root token), then "ready", and serves until SIGINT or SIGTERM. Each OpenBao replica is also reached through the Kubernetes API\'s pod proxy: kubectl get --raw /api/v1/namespaces/openbao/pods/https:openbao-0:8200/proxy/v1/sys/seal-status.',
      options: [
        { flags: '--scenario <NAME>', description: `the scenario: ${SCENARIOS.join(', ')} (default healthy)`, completes: 'scenario' },
        { flags: '--kubeconfig <PATH>', description: 'where to write the kubeconfig (default a temporary file)', completes: 'file' },
        { flags: '--port <N>', description: 'the port of the API (default 0: any free port)' },
        { flags: '--openbao-replicas <N>', description: 'replicas of the OpenBao StatefulSet, 1 to 9 (default 1; 3: HA with Raft, a leader and two standbys)' },
        { flags: '--unseal-keys <PATH>', description: 'write the five OpenBao unseal key shares there, one per line (mode 0600); three open a sealed replica', completes: 'file' },
        { flags: '--log-rate <NS/APP=N>', description: 'every pod of that app writes N extra log lines per second in total (for example matrix/sol=5000); repeat for more apps', repeatable: true },
      ],
      exitCodes: [[0, 'stopped by SIGINT or SIGTERM'], [2, 'bad usage, or the port cannot be opened']],
      examples: [
        'sunbeam-console sim --scenario postgres-down --kubeconfig /tmp/box.kubeconfig',
        'sunbeam-console sim --scenario vault-sealed --openbao-replicas 3 --unseal-keys /tmp/box.keys',
        'sunbeam-console sim --log-rate matrix/sol=5000',
      ],
      load: async () => (await import('./sim-command.js')).run,
    },
    {
      name: 'completion',
      summary: 'print a shell completion script (bash or zsh)',
      description: 'Prints a completion script for bash or zsh, generated from this program\'s commands and flags. Load it with: source <(sunbeam-console completion bash), or put it in your shell\'s completion directory.',
      args: [{ name: 'SHELL', description: 'bash or zsh', required: true, choices: ['bash', 'zsh'], completes: 'shell' }],
      exitCodes: [[0, 'printed'], USAGE_EXIT],
      examples: ['source <(sunbeam-console completion bash)', 'sunbeam-console completion zsh > "${fpath[1]}/_sunbeam-console"'],
    },
    MON,
  ],
};
