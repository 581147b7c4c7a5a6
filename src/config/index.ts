// Configuration: the config file ($SUNBEAM_CONFIG, else $XDG_CONFIG_HOME/sunbeam-console/config.yaml, default
// ~/.config/...), then environment variables, then flags (the later wins). Validated with zod; a bad file gives
// one sentence naming the file and the field ("config.yaml: readOnly must be true or false"). The `box:` section
// names the Box's own objects where they differ from the defaults (src/ladder/box-graph.ts, BoxNames).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { BoxNamesOverrides } from '../ladder/box-graph.js';
import { parseDuration } from '../logs/duration.js';

export class ConfigError extends Error {}

/**
 * One thing that makes a run read-only, so that the refusal (src/actions/tiers.ts readOnlyRefusal) names it and
 * says how to undo it: the --read-only flag, SUNBEAM_READ_ONLY, `readOnly: true` in the config file, or a config
 * file that could not be read (it may say readOnly: true).
 */
export type ReadOnlyCause = { by: 'flag' } | { by: 'env'; value: string } | { by: 'file'; file: string } | { by: 'bad-config'; file: string };

export interface ConsoleConfig {
  kubeconfig?: string;
  context?: string;
  readOnly: boolean;
  /** When readOnly: every cause that must go for the run to be able to write (flag, environment, file). */
  readOnlyCause?: ReadOnlyCause[];
  namespace?: string;
  /** Where :coe and `coe export` write outside --demo (default: src/journal/coe-dir.ts). */
  coeDir?: string;
  /** The journal's directory (default stateDir()). */
  journalDir: string;
  /** The Box's names where they differ from the defaults (present only when the file has `box:`); see boxNames(). */
  box?: BoxNamesOverrides;
  /** The log views (rungs 3 and 7): lines kept per view, the tail window's lines per container, rung 7's window (ms) and query. */
  logs: LogSettings;
  /**
   * Where the other backends are, when the file or a flag says (the environment is read by each backend's
   * settings in src/session/, and wins over the file; a flag wins over both): PostgreSQL's DSN (better without
   * a password: PGPASSFILE / ~/.pgpass hold it), AlertManager's URL (as amtool's --alertmanager.url), the Mistral
   * API's base URL and model for Sol's brain check.
   */
  backends: BackendSettings;
  /** The config file that was read, if any. */
  file?: string;
}

export interface BackendSettings {
  postgresDsn?: string;
  alertmanagerUrl?: string;
  mistralBaseUrl?: string;
  mistralModel?: string;
}

export interface LogSettings {
  buffer: number;
  tail: number;
  errorsWindowMs: number;
  errorsQuery: string;
}

/** Without a `logs:` section: 10,000 lines per view, the last 100 lines of each container, {level="error"} over 15 minutes. */
export const DEFAULT_LOG_SETTINGS: LogSettings = { buffer: 10_000, tail: 100, errorsWindowMs: 15 * 60_000, errorsQuery: '{level="error"}' };

function logSettings(f: FileConfig['logs']): LogSettings {
  return {
    buffer: f?.buffer ?? DEFAULT_LOG_SETTINGS.buffer,
    tail: f?.tail ?? DEFAULT_LOG_SETTINGS.tail,
    errorsWindowMs: (f?.errorsWindow ? parseDuration(f.errorsWindow) : undefined) ?? DEFAULT_LOG_SETTINGS.errorsWindowMs,
    errorsQuery: f?.errorsQuery ?? DEFAULT_LOG_SETTINGS.errorsQuery,
  };
}

export interface ConfigFlags {
  kubeconfig?: string;
  context?: string;
  readOnly?: boolean;
  namespace?: string;
  coeDir?: string;
  journalDir?: string;
  /** --alertmanager.url (as amtool). */
  alertmanagerUrl?: string;
}

type Env = Record<string, string | undefined>;

function xdg(env: Env, name: 'XDG_CONFIG_HOME' | 'XDG_STATE_HOME', fallback: string[]): string {
  const v = env[name];
  return v && isAbsolute(v) ? v : join(homedir(), ...fallback);
}

/** `$XDG_CONFIG_HOME/sunbeam-console/` (default `~/.config/sunbeam-console/`). */
export function configDir(env: Env = process.env): string {
  return join(xdg(env, 'XDG_CONFIG_HOME', ['.config']), 'sunbeam-console');
}

/** `$XDG_STATE_HOME/sunbeam-console/` (default `~/.local/state/sunbeam-console/`): the journal lives here. */
export function stateDir(env: Env = process.env): string {
  return join(xdg(env, 'XDG_STATE_HOME', ['.local', 'state']), 'sunbeam-console');
}

/** The config file to read: $SUNBEAM_CONFIG, else config.yaml in configDir(). */
export function configFile(env: Env = process.env): string {
  return env.SUNBEAM_CONFIG || join(configDir(env), 'config.yaml');
}

const path = z.string().min(1);
/** A Kubernetes object name (DNS-1123: lowercase letters, digits, dashes and dots). */
const objectName = z.string().regex(/^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/);
const names = <K extends string>(...keys: K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, objectName.optional()])) as Record<K, z.ZodOptional<typeof objectName>>).optional();
/** `box:` in the config file: any part of BoxNames (src/ladder/box-graph.ts). */
const BoxSchema = z.strictObject({
  database: names('namespace', 'cluster'),
  operator: names('namespace', 'deployment'),
  barman: z
    .strictObject({
      namespace: objectName.optional(),
      pod: objectName.optional(),
      container: objectName.optional(),
      server: objectName.optional(),
      selector: z.string().regex(/^[-./a-zA-Z0-9]+=[-._a-zA-Z0-9]*$/).optional(),
    })
    .optional(),
  ingress: names('namespace', 'deployment', 'certificate'),
});
const LogsSchema = z.strictObject({
  buffer: z.number().int().min(100).max(1_000_000).optional(),
  tail: z.number().int().min(1).max(100_000).optional(),
  errorsWindow: z.string().refine((v) => parseDuration(v) !== undefined).optional(),
  errorsQuery: z.string().startsWith('{').optional(),
});

const url = z.string().regex(/^https?:\/\/[^/\s]+/);
const PostgresSchema = z.strictObject({ dsn: z.string().min(1).optional() });
const AlertmanagerSchema = z.strictObject({ url: url.optional() });
const MistralSchema = z.strictObject({ baseUrl: url.optional(), model: z.string().min(1).optional() });

const FileSchema = z.strictObject({
  kubeconfig: path.optional(),
  context: path.optional(),
  readOnly: z.boolean().optional(),
  namespace: path.optional(),
  coeDir: path.optional(),
  journalDir: path.optional(),
  box: BoxSchema.optional(),
  logs: LogsSchema.optional(),
  postgres: PostgresSchema.optional(),
  alertmanager: AlertmanagerSchema.optional(),
  mistral: MistralSchema.optional(),
});
type FileConfig = z.infer<typeof FileSchema>;
const FIELDS = Object.keys(FileSchema.shape);

const EXPECT: Record<string, string> = {
  kubeconfig: 'a path to a kubeconfig file',
  context: 'a context name',
  readOnly: 'true or false',
  namespace: 'a namespace name',
  coeDir: 'a directory path',
  journalDir: 'a directory path',
};

/** What each key of the backend sections must be. */
const BACKEND_EXPECT: Record<string, string> = {
  'postgres.dsn': 'a PostgreSQL connection string such as postgresql://console@db.example:5432/postgres (keep the password in ~/.pgpass)',
  'alertmanager.url': 'a URL such as http://alertmanager.example:9093',
  'mistral.baseUrl': 'a URL such as https://api.mistral.ai',
  'mistral.model': 'a model name such as mistral-small-latest',
};

const LOGS_EXPECT: Record<string, string> = {
  buffer: 'a whole number of lines from 100 to 1000000',
  tail: 'a whole number of lines from 1 to 100000',
  errorsWindow: 'a duration such as 15m, 900s or 1h',
  errorsQuery: 'a LogQL query starting with a stream selector, such as {level="error"}',
};

/** The keys allowed at a path of the file: the top level, box, box.database... */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = FileSchema;
  for (const p of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (!(schema instanceof z.ZodObject)) return [];
    schema = (schema.shape as Record<string, z.ZodType>)[String(p)] ?? z.never();
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function suggest(key: string, fields: string[] = FIELDS): string {
  const near = fields.find((f) => f.toLowerCase() === key.toLowerCase().replace(/[-_]/g, ''));
  return near ? ` (did you mean ${near}?)` : ` (known keys: ${fields.join(', ')})`;
}

function expectAt(path: readonly PropertyKey[]): string {
  const field = String(path[0] ?? '');
  if (field === 'logs') return path.length === 1 ? `a mapping (${fieldsAt(path).join(', ')})` : LOGS_EXPECT[String(path[1])] ?? 'valid';
  if (field in { postgres: 1, alertmanager: 1, mistral: 1 }) return path.length === 1 ? `a mapping (${fieldsAt(path).join(', ')})` : BACKEND_EXPECT[`${field}.${String(path[1])}`] ?? 'valid';
  if (field !== 'box') return EXPECT[field] ?? 'valid';
  if (path.length === 1) return 'a mapping (database, operator, barman, ingress)';
  if (path.length === 2) return `a mapping (${fieldsAt(path).join(', ')})`;
  if (path[path.length - 1] === 'selector') return 'a label selector such as app=barman';
  return 'a Kubernetes name (lowercase letters, digits and dashes)';
}

/** Reads and validates a config file; absent (and not explicitly named) means no settings. */
export function readConfigFile(file: string, explicit: boolean): FileConfig {
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(`${file}: no such config file (named by SUNBEAM_CONFIG).`);
    return {};
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    const e = err as { linePos?: { line: number; col: number }[]; message?: string };
    const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}` : '';
    throw new ConfigError(`${file}: not valid YAML${at} (${(e.message ?? '').split('\n')[0]}).`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${file}: must be a mapping of keys (${FIELDS.join(', ')}).`);
  const r = FileSchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const at = [...issue.path.map(String), key].join('.');
    throw new ConfigError(`${file}: unknown key "${at}"${suggest(key, fieldsAt(issue.path))}.`);
  }
  throw new ConfigError(`${file}: ${issue.path.map(String).join('.')} must be ${expectAt(issue.path)}.`);
}

function backendSettings(f: FileConfig, flags: ConfigFlags): BackendSettings {
  const b: BackendSettings = {};
  if (f.postgres?.dsn) b.postgresDsn = f.postgres.dsn;
  const am = flags.alertmanagerUrl ?? f.alertmanager?.url;
  if (am) b.alertmanagerUrl = am;
  if (f.mistral?.baseUrl) b.mistralBaseUrl = f.mistral.baseUrl;
  if (f.mistral?.model) b.mistralModel = f.mistral.model;
  return b;
}

function envBool(env: Env, name: string): boolean | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off'].includes(s)) return false;
  throw new ConfigError(`${name} must be true or false (or 1 or 0), not "${v}".`);
}

function expandHome(p: string | undefined): string | undefined {
  if (!p) return p;
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

/**
 * The effective configuration: file < environment < flags. KUBECONFIG is left to loadKubeConfig (it applies
 * when neither a flag nor the file names a kubeconfig). Throws ConfigError with one sentence.
 */
export function loadConfig(opts: { flags?: ConfigFlags; env?: Env } = {}): ConsoleConfig {
  const env = opts.env ?? process.env;
  const flags = opts.flags ?? {};
  const file = configFile(env);
  const fromFile = readConfigFile(file, Boolean(env.SUNBEAM_CONFIG));
  const fromEnv = envBool(env, 'SUNBEAM_READ_ONLY');
  const cfg: ConsoleConfig = {
    readOnly: flags.readOnly ?? fromEnv ?? fromFile.readOnly ?? false,
    journalDir: expandHome(flags.journalDir ?? fromFile.journalDir) ?? stateDir(env),
    logs: logSettings(fromFile.logs),
    backends: backendSettings(fromFile, flags),
  };
  if (cfg.readOnly) {
    // Each layer that says true, unless a later one says false (SUNBEAM_READ_ONLY=0 overrides the file).
    const causes: ReadOnlyCause[] = [];
    if (flags.readOnly) causes.push({ by: 'flag' });
    if (fromEnv) causes.push({ by: 'env', value: env.SUNBEAM_READ_ONLY! });
    if (fromFile.readOnly && fromEnv === undefined) causes.push({ by: 'file', file });
    cfg.readOnlyCause = causes;
  }
  const kubeconfig = expandHome(flags.kubeconfig ?? fromFile.kubeconfig);
  if (kubeconfig) cfg.kubeconfig = kubeconfig;
  const context = flags.context ?? fromFile.context;
  if (context) cfg.context = context;
  const namespace = flags.namespace ?? fromFile.namespace;
  if (namespace) cfg.namespace = namespace;
  const coeDir = expandHome(flags.coeDir ?? fromFile.coeDir);
  if (coeDir) cfg.coeDir = coeDir;
  if (fromFile.box) cfg.box = fromFile.box;
  if (existsSync(file)) cfg.file = file;
  return cfg;
}
