// The console's flags (the `console` command, the default: program-spec.ts), as bin/run-console.tsx reads
// them from commander's opts(): what they cannot mean together becomes one sentence.

export interface ConsoleFlags {
  demo: boolean;
  scenario?: string;
  kubeconfig?: string;
  context?: string;
  readOnly: boolean;
  /** -n; none with -A. */
  namespace?: string;
  /** -A: every namespace, whatever the config file or the context names. */
  allNamespaces: boolean;
  /** --alertmanager.url (as amtool): wins over ALERTMANAGER_URL and the config file. */
  alertmanagerUrl?: string;
}

export type FlagResult = { ok: true; flags: ConsoleFlags } | { ok: false; message: string };

export function consoleFlags(opts: Record<string, unknown>): FlagResult {
  const o = opts as { demo?: boolean; scenario?: string; kubeconfig?: string; context?: string; readOnly?: boolean; namespace?: string; allNamespaces?: boolean; 'alertmanager.url'?: string };
  const flags: ConsoleFlags = {
    demo: o.demo ?? false,
    scenario: o.scenario,
    kubeconfig: o.kubeconfig,
    context: o.context,
    readOnly: o.readOnly ?? false,
    namespace: o.allNamespaces ? undefined : o.namespace,
    allNamespaces: o.allNamespaces ?? false,
    ...(o['alertmanager.url'] !== undefined ? { alertmanagerUrl: o['alertmanager.url'] } : {}),
  };
  if (flags.scenario !== undefined && !flags.demo) return { ok: false, message: '--scenario only applies with --demo (try: sunbeam-console --demo --scenario postgres-down).' };
  if (flags.demo && (flags.kubeconfig || flags.context)) return { ok: false, message: '--demo runs its own simulated Box; leave out --kubeconfig and --context.' };
  if (flags.demo && flags.alertmanagerUrl !== undefined) return { ok: false, message: "--demo uses the simulated Box's AlertManager; leave out --alertmanager.url." };
  for (const [name, v] of [['scenario', flags.scenario], ['kubeconfig', flags.kubeconfig], ['context', flags.context], ['namespace', o.namespace], ['alertmanager.url', flags.alertmanagerUrl]] as const) {
    if (v !== undefined && v.trim() === '') return { ok: false, message: `--${name} needs a value.` };
  }
  return { ok: true, flags };
}
