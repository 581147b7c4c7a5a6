// The small JSONPath subset CRD printer columns use: `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.k=="v")].b`
// (also `!=`, numbers and unquoted words). Returns every match, in order.

type Step = { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'filter'; path: string[]; neg: boolean; value: unknown };

function parse(expr: string): Step[] {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '.') {
      i++;
      let name = '';
      while (i < s.length && s[i] !== '.' && s[i] !== '[') name += s[i++];
      if (name === '*') steps.push({ kind: 'all' });
      else if (name) steps.push({ kind: 'field', name });
    } else if (ch === '[') {
      const end = s.indexOf(']', s[i + 1] === '?' ? s.indexOf(')', i) : i);
      if (end < 0) throw new Error(`unterminated [ in ${expr}`);
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else {
        const m = inner.match(/^\?\(\s*@((?:\.[\w-]+)+)\s*(==|!=)\s*(.+?)\s*\)$/);
        if (!m) throw new Error(`unsupported JSONPath filter ${inner}`);
        const raw = m[3]!;
        const value = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw;
        steps.push({ kind: 'filter', path: m[1]!.slice(1).split('.'), neg: m[2] === '!=', value });
      }
    } else {
      throw new Error(`unexpected "${ch}" in JSONPath ${expr}`);
    }
  }
  return steps;
}

const cache = new Map<string, Step[]>();

export function jsonPath(obj: unknown, expr: string): unknown[] {
  let steps = cache.get(expr);
  if (!steps) cache.set(expr, (steps = parse(expr)));
  let cur: unknown[] = [obj];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || v === undefined) continue;
      if (step.kind === 'field') {
        const f = (v as Record<string, unknown>)[step.name];
        if (f !== undefined) next.push(f);
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const x = v[step.index < 0 ? v.length + step.index : step.index];
          if (x !== undefined) next.push(x);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (typeof v === 'object') next.push(...Object.values(v as object));
      } else {
        if (!Array.isArray(v)) continue;
        for (const item of v) {
          let f: unknown = item;
          for (const p of step.path) f = f == null ? undefined : (f as Record<string, unknown>)[p];
          if ((f === step.value) !== step.neg) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}
