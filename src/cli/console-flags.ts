// The console's flags (the argv of `sunbeam-console` with no sub-command, read by bin/run-console.tsx): parsed
// strictly; a bad flag becomes one sentence. It lives with the one-shot commands' argv parsing in src/cli/.
import { parseArgs } from 'node:util';

export interface ConsoleFlags {
  demo: boolean;
  scenario?: string;
  kubeconfig?: string;
  context?: string;
  readOnly: boolean;
  namespace?: string;
  help: boolean;
}

export const CONSOLE_USAGE = `usage: sunbeam-console [--demo [--scenario NAME]] [--kubeconfig PATH] [--context NAME] [-n NAMESPACE] [--read-only]`;

export type FlagResult = { ok: true; flags: ConsoleFlags } | { ok: false; message: string };

export function parseConsoleFlags(args: string[]): FlagResult {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        scenario: { type: 'string' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        'read-only': { type: 'boolean' },
        namespace: { type: 'string', short: 'n' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const flags: ConsoleFlags = {
      demo: values.demo ?? false,
      scenario: values.scenario,
      kubeconfig: values.kubeconfig,
      context: values.context,
      readOnly: values['read-only'] ?? false,
      namespace: values.namespace,
      help: values.help ?? false,
    };
    if (flags.scenario !== undefined && !flags.demo) return { ok: false, message: '--scenario only applies with --demo (try: sunbeam-console --demo --scenario postgres-down).' };
    if (flags.demo && (flags.kubeconfig || flags.context)) return { ok: false, message: '--demo runs its own simulated Box; leave out --kubeconfig and --context.' };
    for (const [name, v] of [['scenario', flags.scenario], ['kubeconfig', flags.kubeconfig], ['context', flags.context], ['namespace', flags.namespace]] as const) {
      if (v !== undefined && v.trim() === '') return { ok: false, message: `--${name} needs a value.` };
    }
    return { ok: true, flags };
  } catch (err) {
    return { ok: false, message: flagError(err) };
  }
}

function flagError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  const flag = quoted.split(' ')[0];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown flag "${flag}"; ${CONSOLE_USAGE.replace('usage: ', 'usage is ')}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(e.message ?? '') ? `The flag ${flag} needs a value.` : `The flag ${flag} takes no value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument "${quoted}"; the console takes only flags (${CONSOLE_USAGE.replace('usage: ', '')}).`;
    default:
      return `Bad flags: ${(e.message ?? String(err)).split('\n')[0]}.`;
  }
}
