// What a run knows before it connects: the configuration (file < environment < flags), read-only, the
// namespace and the journal's directory. A config file that cannot be read either throws (the one-shots: one
// sentence, exit 2) or leaves the run read-only with a warning (the console keeps running, and nothing above
// read runs until the file is fixed, since it may have said readOnly: true).
import { join } from 'node:path';
import { ConfigError, configFile, loadConfig, stateDir, type ConfigFlags, type ConsoleConfig, type ReadOnlyCause, DEFAULT_LOG_SETTINGS } from '../config/index.js';

export type Env = Record<string, string | undefined>;

interface Settings {
  config: ConsoleConfig;
  readOnly: boolean;
  namespace?: string;
  /** One sentence each, for the console's flash line. */
  warnings: string[];
}

export function resolveSettings(flags: ConfigFlags, env: Env, onBadConfig: 'throw' | 'read-only'): Settings {
  let config: ConsoleConfig;
  const warnings: string[] = [];
  try {
    config = loadConfig({ flags, env });
  } catch (err) {
    if (onBadConfig === 'throw') throw err;
    const msg = err instanceof ConfigError ? err.message : (err as Error).message.split('\n')[0]!;
    warnings.push(`${msg} (read-only until the config is fixed)`);
    // Only the flags are known then: the file may be the one that names the kubeconfig, context or namespace.
    const readOnlyCause: ReadOnlyCause[] = [...(flags.readOnly ? [{ by: 'flag' } as const] : []), { by: 'bad-config', file: configFile(env) }];
    config = { readOnly: true, readOnlyCause, journalDir: flags.journalDir ?? stateDir(env), logs: DEFAULT_LOG_SETTINGS, backends: flags.alertmanagerUrl ? { alertmanagerUrl: flags.alertmanagerUrl } : {} };
    if (flags.kubeconfig) config.kubeconfig = flags.kubeconfig;
    if (flags.context) config.context = flags.context;
    if (flags.namespace) config.namespace = flags.namespace;
  }
  const s: Settings = { config, readOnly: config.readOnly, warnings };
  if (config.namespace) s.namespace = config.namespace;
  return s;
}

/** The journal directory: the configured one, or a separate demo/ under it for --demo runs (drills never mix with it). */
export function journalDirFor(config: Pick<ConsoleConfig, 'journalDir'>, demo: boolean, env: Env = process.env): string {
  const base = config.journalDir ?? stateDir(env);
  return demo ? join(base, 'demo') : base;
}
