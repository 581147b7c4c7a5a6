// Where Sol's brain is, from the environment and the config file: MISTRAL_API_KEY (required: without it there is
// no Mistral client and the check says "not connected: set MISTRAL_API_KEY"), MISTRAL_BASE_URL (else the config
// file's mistral.baseUrl, else https://api.mistral.ai) and the model (MISTRAL_MODEL, else the config file's
// mistral.model, else mistral-small-latest): the environment over the file, as every setting of a run. The key stays in this record, which only the Mistral client reads;
// a message names the variable, never its value. Pure.
import type { Env } from './settings.js';

export const DEFAULT_MISTRAL_BASE = 'https://api.mistral.ai';
export const DEFAULT_MISTRAL_MODEL = 'mistral-small-latest';

export interface MistralSettings {
  apiKey: string;
  /** Without a trailing slash. */
  base: string;
  model: string;
  /** One sentence: a setting that cannot be used; nothing is sent then. */
  problem?: string;
}

function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** The Mistral settings, or undefined when MISTRAL_API_KEY is not set. */
export function mistralSettings(env: Env, backends: { mistralBaseUrl?: string; mistralModel?: string } = {}): MistralSettings | undefined {
  const apiKey = get(env, 'MISTRAL_API_KEY');
  if (!apiKey) return undefined;
  const base = (get(env, 'MISTRAL_BASE_URL') ?? (backends.mistralBaseUrl?.trim() || DEFAULT_MISTRAL_BASE)).replace(/\/+$/, '');
  const model = get(env, 'MISTRAL_MODEL') ?? (backends.mistralModel?.trim() || DEFAULT_MISTRAL_MODEL);
  const s: MistralSettings = { apiKey, base, model };
  const from = get(env, 'MISTRAL_BASE_URL') ? 'MISTRAL_BASE_URL' : 'mistral.baseUrl in the config file';
  if (!/^https?:\/\/[^/\s]+/.test(base)) s.problem = `${from} must be a URL such as https://api.mistral.ai, not "${base}".`;
  else if (/\s/.test(apiKey)) s.problem = 'MISTRAL_API_KEY holds spaces or line breaks; set it to the key alone.';
  return s;
}
