// Every built-in runbook's shown equivalent, run as shown by a POSIX shell with the real kubectl against the
// simulated Box: the read ones as they are, the changes with --dry-run=server added (where kubectl has no dry
// run for the verb, as shown, against this test's own simulator), and each must act on the same objects as the
// runbook: a logs command (the console's own `sunbeam-console logs`, run by the built binary on PATH, or
// kubectl's) prints the same pods and containers as the action reads, a change names the
// action's target, a get lists what the runbook reads, and "No resources found" fails. Equivalents that are not
// kubectl's own commands are listed below by name, with the reason, and checked to be exactly those.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/actions/executor.js';
import { resolveLogTarget } from '../../src/actions/primitives/log-target.js';
import type { Action, ActionTarget } from '../../src/actions/types.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { Journal } from '../../src/journal/journal.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import { builtinRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import type { Runbook } from '../../src/runbooks/schema.js';
import { openSession, type Session } from '../../src/session/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createLogsService } from '../../src/sources/kubernetes/logs/service.js';
import { createAppStore } from '../../src/store/index.js';
import { BIN, buildConsole, NODE } from '../e2e/binary.js';
import { unknownCommands } from '../helpers/command-names.js';
import { waitFor } from '../helpers/wait-for.js';

/** Shown equivalents this test does not run, by the command's first words, and why. */
const NOT_KUBECTL: readonly { prefix: string; reason: string }[] = [
  { prefix: 'cmctl renew', reason: "cert-manager's own CLI (tool cmctl), not kubectl; the renew runbook's Issuing condition is covered by test/unit/sim-box-custom.test.ts" },
  { prefix: 'kubectl cnpg', reason: 'a kubectl plugin (kubectl-cnpg, CloudNativePG), which a plain kubectl does not have; its merge patch and Backup are covered by test/integration/runbook-drill-postgres.test.ts' },
  { prefix: 'kubectl exec -n openbao -it', reason: "bao operator unseal in the pod's terminal (tool bao): it asks the share interactively, which no test may type into a shell; the same sys/unseal calls are proven with node-vault (test/conformance/openbao-node-vault.test.ts) and by the tmux drill (test/e2e/vault-drill.test.ts)" },
  { prefix: 'curl -N https://api.mistral.ai', reason: "Sol's brain check is the Mistral API's streamed completion, not the Kubernetes API; curl -N against the simulated Mistral API is test/conformance/mistral-sse.test.ts and the check itself test/integration/mistral-source.test.ts" },
  { prefix: 'psql ', reason: "PostgreSQL's own client against the database, not the Kubernetes API; the terminate line is run by the real psql in test/integration/postgres-real.test.ts, and the connection-exhaustion runbook end to end in test/e2e/data-alerts-drill.test.ts" },
  { prefix: 'bao kv put', reason: 'the bao CLI (tool bao), not kubectl, and not installed here; the same KV v2 check-and-set write is proven with node-vault (test/conformance/openbao-node-vault.test.ts) and by vault kv put (test/integration/vault-cli.test.ts)' },
];

/** Changes kubectl gives no --dry-run: they run as shown, on this test's own simulated Box. */
const NO_DRY_RUN: readonly { verb: RegExp; reason: string }[] = [
  { verb: /\brollout restart\b/, reason: 'kubectl 1.32 rollout restart has no --dry-run' },
  { verb: /\bexec\b/, reason: 'a command in a pod has no dry run' },
];

/**
 * A DaemonSet for the runbooks that apply to one (the Box runs none): its selector is not app=NAME, and its
 * container writes CoreDNS's logs.
 */
const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: dns-agent, namespace: kube-system}
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: dns-agent}
  template:
    metadata: {labels: {app.kubernetes.io/name: dns-agent, app: coredns}}
    spec: {containers: [{name: coredns, image: registry.k8s.io/coredns/coredns:v1.11.3}]}
`;

/** A selection of each kind the runbooks apply to. */
const TARGETS: Record<string, ActionTarget> = {
  DaemonSet: { kind: 'DaemonSet', namespace: 'kube-system', name: 'dns-agent' },
  Deployment: { kind: 'Deployment', namespace: 'matrix', name: 'sol' },
  StatefulSet: { kind: 'StatefulSet', namespace: 'storage', name: 'seaweedfs-volume' },
  Cluster: { kind: 'Cluster', namespace: 'data', name: 'postgres' },
  Pod: { kind: 'Pod', namespace: 'data', name: 'postgres-1' },
  Namespace: { kind: 'Namespace', namespace: '', name: 'matrix' },
  Certificate: { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' },
};

/** The resource kubectl names in its output for an action's target kind. */
const RESOURCE: Record<string, string> = {
  Deployment: 'deployment.apps',
  StatefulSet: 'statefulset.apps',
  DaemonSet: 'daemonset.apps',
  Certificate: 'certificate.cert-manager.io',
  Cluster: 'cluster.postgresql.cnpg.io',
};

let sim: SimHandle;
let kube: KubeClients;
/** The session's clients (Kubernetes and the simulator's OpenBao, from its BAO_* environment). */
let session: Session;
let cacheDir: string;
let workDir: string;
const ran = new Map<string, Promise<Shell>>();

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy', speed: 20 });
  kube = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
  session = await openSession({ env: { ...sim.env, HOME: process.env.HOME }, flags: { kubeconfig: sim.kubeconfigPath } });
  cacheDir = mkdtempSync(join(tmpdir(), 'kubecache-'));
  workDir = mkdtempSync(join(tmpdir(), 'sc-equivalents-'));
  writeFileSync(join(workDir, 'daemonset.yaml'), DAEMONSET);
  // `sunbeam-console` on the shell's PATH, as an installed package puts it: this repository's build.
  buildConsole();
  mkdirSync(join(workDir, 'bin'));
  writeFileSync(join(workDir, 'bin', 'sunbeam-console'), `#!/bin/sh\nexec "${NODE}" "${BIN}" "$@"\n`, { mode: 0o755 });
  const applied = await sh('kubectl apply -f daemonset.yaml');
  expect(applied.code, applied.stderr).toBe(0);
  await waitFor(async () => {
    const r = await sh('kubectl logs -n kube-system -l app.kubernetes.io/name=dns-agent --tail=1');
    return r.code === 0 && r.stdout.trim() !== '' ? true : undefined;
  }, { timeoutMs: 30_000, intervalMs: 300, message: 'the DaemonSet dns-agent logging' });
});

afterAll(async () => {
  await session?.stop();
  await sim?.stop();
  for (const d of [cacheDir, workDir]) if (d) rmSync(d, { recursive: true, force: true });
});

interface Shell {
  code: number;
  stdout: string;
  stderr: string;
}

/** The shell's environment: KUBECONFIG at the simulator, this build's sunbeam-console first on PATH. */
function shellEnv(): NodeJS.ProcessEnv {
  return { ...process.env, KUBECONFIG: sim.kubeconfigPath, KUBECACHEDIR: cacheDir, PATH: `${join(workDir, 'bin')}:${process.env.PATH}` };
}

/** The command line exactly as a user pastes it into sh, with KUBECONFIG pointing at the simulator. */
function sh(command: string): Promise<Shell> {
  const env = shellEnv();
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { env, cwd: workDir, timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Each distinct command line runs once (two runbooks showing one restart restart once). */
function runOnce(command: string): Promise<Shell> {
  let p = ran.get(command);
  if (!p) ran.set(command, (p = sh(command)));
  return p;
}

/** `--dry-run=server` before a `--` (the command in a pod) or a trailing shell comment, else at the end. */
function withServerDryRun(command: string): string {
  const at = [command.indexOf(' -- '), command.search(/\s+#/)].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return at === undefined ? `${command} --dry-run=server` : `${command.slice(0, at)} --dry-run=server${command.slice(at)}`;
}

const needsSelection = (rb: Runbook) => /\{\{\s*(target|namespace|name)\s*\}\}/.test(JSON.stringify(rb.steps));

function selectionsFor(rb: Runbook): (ActionTarget | undefined)[] {
  if (!needsSelection(rb)) return [undefined];
  return (rb.appliesTo?.kinds ?? []).map((k) => TARGETS[k]).filter((t): t is ActionTarget => t !== undefined);
}

async function planFor(rb: Runbook, target: ActionTarget | undefined): Promise<Action> {
  const params: Record<string, string> = {};
  if (rb.params?.some((p) => p.name === 'targetTime')) {
    const c: any = await kube.custom.getNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', namespace: 'data', name: 'postgres' });
    params.targetTime = c.status.lastSuccessfulBackup;
  }
  // The secret-rotation runbooks: a static secret the simulated Box has in OpenBao's KV.
  if (rb.params?.some((p) => p.name === 'app')) Object.assign(params, { app: 'messages', key: 'django-secret' });
  if (rb.params?.some((p) => p.name === 'application')) params.application = 'drive';
  return planRunbook(rb, { target, params }, { ...session.clients, kube });
}

/** The pod/container of each line: kubectl's `[pod/NAME/CONTAINER] ` prefix, or the logs one-shot's `POD CONTAINER `. */
const prefixesOf = (lines: string[]) =>
  [...new Set(lines.map((l) => /^\[([^\]]+)\] /.exec(l)?.[1] ?? (/^(\S+) (\S+) /.exec(l) ? `pod/${l.split(' ')[0]}/${l.split(' ')[1]}` : `unprefixed: ${l}`)))].sort();
/** The tools whose equivalents this test runs. */
const RUN_TOOLS = ['kubectl', 'sunbeam-console'];
const objectNames = (stdout: string) => stdout.split('\n').slice(1).map((l) => l.trim().split(/\s+/)[0]).filter(Boolean);

function noneFound(r: Shell): boolean {
  return /No resources found/.test(r.stdout + r.stderr);
}

/** Runs one shown equivalent of a step and checks that it acts on what the step acts on. */
async function checkEquivalent(action: Action, stepIndex: number, command: string, ours: () => Promise<string[]>): Promise<void> {
  const step = action.steps[stepIndex]!;
  const change = step.tier !== 'read';
  const noDryRun = NO_DRY_RUN.find((n) => n.verb.test(command));
  const line = change && !noDryRun ? withServerDryRun(command) : command;
  if (step.calls.some((c) => c.equivalent.command === command && c.method === 'POST') && action.detail) {
    const file = /apply -f (\S+\.yaml)/.exec(command)?.[1];
    if (file) writeFileSync(join(workDir, file), action.detail);
  }
  const resource = RESOURCE[action.target.kind];
  const identity = () => sh(`kubectl get -n ${action.target.namespace} ${resource}/${action.target.name} -o jsonpath={.metadata.uid}`);
  const before = change && !noDryRun && resource ? await identity() : undefined;
  const r = await runOnce(line);
  const what = `${line}\n${r.stdout}${r.stderr}`;
  if (before) {
    const after = await identity();
    expect({ code: after.code, uid: after.stdout }, `the server-side dry run changed nothing: ${what}`).toEqual({ code: before.code, uid: before.stdout });
  }
  expect(r.code, what).toBe(0);
  expect(noneFound(r), what).toBe(false);
  expect(r.stdout.trim(), what).not.toBe('');

  if (/^(kubectl|sunbeam-console) logs /.test(command)) {
    expect(prefixesOf(r.stdout.trim().split('\n')), what).toEqual(prefixesOf(await ours()));
    return;
  }
  if (change && !/\bexec\b/.test(command)) {
    expect(resource, `a change to a ${action.target.kind}`).toBeDefined();
    const named = new RegExp(`^${resource!.replace(/\./g, '\\.')}(/| ")${action.target.name}"? (restarted|deleted|annotated|created|configured|patched)( \\(server dry run\\))?$`, 'm');
    expect(r.stdout, what).toMatch(named);
    if (!noDryRun) expect(r.stdout, what).toContain('(server dry run)');
    return;
  }
  const get = /^kubectl get (\S+) -n (\S+)(?: -l (\S+))?$/.exec(command);
  if (get) {
    const [, kinds, namespace, selector] = get;
    if (kinds!.split(',').includes('pods')) {
      const pods = (await kube.core.listNamespacedPod({ namespace: namespace!, ...(selector ? { labelSelector: selector } : {}) })).items.map((p) => p.metadata!.name!);
      const listed = objectNames(r.stdout).filter((n) => kinds === 'pods' || n.startsWith('pod/')).map((n) => n.replace(/^pod\//, ''));
      expect(pods.length, what).toBeGreaterThan(0);
      expect(listed.sort(), what).toEqual(pods.sort());
    }
  }
}

async function ourLines(action: Action, stepIndex: number): Promise<string[]> {
  const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-equivalents-journal-')), user: 'oncall' });
  const res = await execute(action, {}, { clients: { kube }, writers: createWriters({ kube }), journal, readOnly: true });
  expect(res.outcome, res.message).toBe('succeeded');
  return res.steps[stepIndex]!.lines ?? [];
}

const skipOf = (command: string) => NOT_KUBECTL.find((s) => command.startsWith(s.prefix));

// Reads first, then the dry runs, then the changes that run as shown: a real restart must not move pods under
// a logs comparison.
const TIER_ORDER = { read: 0, destructive: 1, secret: 1, change: 2 } as const;
const RUNBOOKS = [...builtinRunbooks()].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier]);

// Before the runbooks: their real restarts would move pods under these comparisons.
describe(':logs NS/NAME follows every pod of that object, the ones kubectl lists for its selector', () => {
  it('for a CloudNativePG Cluster, a Deployment, a StatefulSet, a DaemonSet and a pod', async () => {
    const store = createAppStore();
    const logs = createLogsService(store, kube, { flushMs: 20 });
    try {
      for (const ref of ['data/postgres', 'matrix/sol', 'storage/seaweedfs-volume', 'kube-system/dns-agent', 'data/postgres-1']) {
        const [namespace, name] = ref.split('/') as [string, string];
        const t = await resolveLogTarget(kube, ref);
        const listed = t.selector === undefined ? [t.name] : JSON.parse((await sh(`kubectl get pods -n ${namespace} -l '${t.selector}' -o json`)).stdout).items.map((p: { metadata: { name: string } }) => p.metadata.name);
        logs.follow('x', { namespace, name });
        const streamed = () => new Set(store.getState().logs.views.x?.source.streams.map((st) => st.pod));
        await waitFor(() => listed.every((p: string) => streamed().has(p)), { timeoutMs: 20_000, intervalMs: 50, message: `${ref}: streams of ${listed.join(', ')}` });
        expect([...streamed()].sort(), ref).toEqual([...listed].sort());
      }
    } finally {
      logs.stopAll();
    }
  }, 120_000);
});

describe("every built-in runbook's shown equivalent, run by kubectl (or the logs one-shot) against the simulator", () => {
  for (const rb of RUNBOOKS) {
    it(`${rb.id} (${rb.tier})`, async () => {
      const selections = selectionsFor(rb);
      expect(selections.length, `${rb.id} has a selection of a kind the simulator has`).toBeGreaterThan(0);
      for (const target of selections) {
        const action = await planFor(rb, target);
        const texts = [action.title, action.detail ?? '', ...action.steps.map((s) => s.title)];
        expect(texts.flatMap(unknownCommands), 'the planned texts name only real commands').toEqual([]);
        for (const [i, step] of action.steps.entries()) {
          for (const call of step.calls) {
            if (skipOf(call.equivalent.command)) continue;
            expect(RUN_TOOLS, call.equivalent.command).toContain(call.equivalent.tool);
            await checkEquivalent(action, i, call.equivalent.command, () => ourLines(action, i));
          }
        }
      }
    });
  }

  it('skips exactly the equivalents that are not kubectl commands, each named with its reason', async () => {
    const skipped = new Set<string>();
    for (const rb of builtinRunbooks()) {
      for (const target of selectionsFor(rb)) {
        for (const call of (await planFor(rb, target)).steps.flatMap((s) => s.calls)) {
          const s = skipOf(call.equivalent.command);
          if (s) skipped.add(s.prefix);
          else expect(RUN_TOOLS).toContain(call.equivalent.tool);
        }
      }
    }
    expect([...skipped].sort()).toEqual(NOT_KUBECTL.map((s) => s.prefix).sort());
    for (const s of NOT_KUBECTL) expect(s.reason.length).toBeGreaterThan(20);
  });

  it('kubectl still has no --dry-run where this test runs a change as shown', async () => {
    for (const verb of [['rollout', 'restart'], ['exec']]) {
      const help = await sh(`kubectl ${verb.join(' ')} --help`);
      expect(help.code).toBe(0);
      expect(help.stdout, `kubectl ${verb.join(' ')} now has --dry-run: add it in NO_DRY_RUN's place`).not.toContain('--dry-run');
    }
  });
});
