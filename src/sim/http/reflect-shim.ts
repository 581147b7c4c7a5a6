// The few Reflect metadata functions that tsyringe (a dependency of @peculiar/x509) checks for at load time.
// Imported before @peculiar/x509 so that certificates can be made without the reflect-metadata package.
type Target = object;
const store = new WeakMap<Target, Map<string | symbol | undefined, Map<unknown, unknown>>>();

function table(target: Target, prop: string | symbol | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let byProp = store.get(target);
  if (!byProp) {
    if (!create) return undefined;
    store.set(target, (byProp = new Map()));
  }
  let t = byProp.get(prop);
  if (!t && create) byProp.set(prop, (t = new Map()));
  return t;
}

const R = Reflect as unknown as Record<string, unknown>;
if (typeof R.getMetadata !== 'function') {
  const getOwn = (key: unknown, target: Target, prop?: string | symbol) => table(target, prop, false)?.get(key);
  const get = (key: unknown, target: Target, prop?: string | symbol): unknown => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t)) {
      const v = getOwn(key, t, prop);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const define = (key: unknown, value: unknown, target: Target, prop?: string | symbol) => void table(target, prop, true)!.set(key, value);
  Object.assign(R, {
    defineMetadata: define,
    getMetadata: get,
    getOwnMetadata: getOwn,
    hasMetadata: (key: unknown, target: Target, prop?: string | symbol) => get(key, target, prop) !== undefined,
    hasOwnMetadata: (key: unknown, target: Target, prop?: string | symbol) => getOwn(key, target, prop) !== undefined,
    metadata: (key: unknown, value: unknown) => (target: Target, prop?: string | symbol) => define(key, value, target, prop),
  });
}

export {};
