// Merges the kubeconfig files of KUBECONFIG=a:b:... into one, by kubectl's rules (client-go clientcmd's
// ClientConfigLoadingRules.Load): for each named list (clusters, users, contexts, extensions, preferences'
// extensions) every name comes from the first file that has it, whole (a second file's entry of the same name is
// dropped, even its fields the first one lacks); every other value (current-context, preferences.colors, ...)
// comes from the first file that sets it. Pure: the files are parsed already (kubeconfig-parse.ts).
import { NAMED_LISTS, type RawKubeconfig } from './kubeconfig-parse.js';

type Named = { name?: unknown };

/** Each name once, from the first list that has it, in the order first seen. */
function mergeNamed(lists: unknown[]): unknown[] | undefined {
  const present = lists.filter((l): l is unknown[] => Array.isArray(l) && l.length > 0);
  if (present.length === 0) return undefined;
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const entry of present.flat()) {
    const name = (entry as Named | null)?.name;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(entry);
  }
  return out;
}

/** Go's zero values: what a file that does not set a field decodes to. */
function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === false || v === 0;
}

/** The first value a file sets, or undefined. */
function firstSet(values: unknown[]): unknown {
  return values.find((v) => !isUnset(v));
}

function objectOf(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The merged kubeconfig, files in KUBECONFIG order (the first wins). */
export function mergeKubeconfigs(files: RawKubeconfig[]): RawKubeconfig {
  const out: RawKubeconfig = {};
  const keys = new Set(files.flatMap((f) => Object.keys(f)));
  for (const key of keys) {
    const values = files.map((f) => f[key]);
    let merged: unknown;
    if ((NAMED_LISTS as readonly string[]).includes(key)) merged = mergeNamed(values);
    else if (key === 'preferences') merged = mergePreferences(values.map(objectOf));
    else merged = firstSet(values);
    if (merged !== undefined) out[key] = merged;
  }
  return out;
}

function mergePreferences(prefs: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(prefs.flatMap((p) => Object.keys(p)))) {
    const values = prefs.map((p) => p[key]);
    const merged = key === 'extensions' ? mergeNamed(values) : firstSet(values);
    if (merged !== undefined) out[key] = merged;
  }
  return out;
}
