// The README's command reference (between <!-- cli:start --> and <!-- cli:end -->), generated from the program
// definition; test/unit/readme.test.ts keeps the README in step with it.
import type { CommandSpec, OptionSpec } from './spec.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');
const code = (s: string) => `\`${cell(s)}\``;

/** The short forms kubectl users type (-n, -A, -o); every other flag by its long name. */
const KUBECTL_SHORT = new Set(['-n', '-A', '-o']);

/** '-n, --namespace <NAMESPACE>' -> '-n NAMESPACE'; '-y, --yes' -> '--yes'. */
function shortFlag(o: OptionSpec): string {
  const names = o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'));
  const value = /<([^>]+)>/.exec(o.flags)?.[1];
  const name = names.find((n) => KUBECTL_SHORT.has(n)) ?? names[names.length - 1]!;
  return o.choices ? `${name} ${o.choices.join('|')}` : value ? `${name} ${value}` : name;
}

function usage(spec: CommandSpec, path: string[]): string {
  const args = (spec.args ?? []).map((a) => (a.required ? `${a.name}${a.variadic ? '...' : ''}` : `[${a.name}]`));
  return [...path, ...args].join(' ');
}

/** One row per command that runs (the program, its commands and their subcommands). */
function rows(spec: CommandSpec, path: string[], out: string[]): void {
  for (const sub of spec.subcommands ?? []) {
    const p = sub.isDefault ? path : [...path, sub.name];
    if (sub.load || sub.isDefault || !sub.subcommands?.length) {
      const flags = (sub.options ?? []).map((o) => code(shortFlag(o))).join(' ') || '—';
      const exits = (sub.exitCodes ?? []).map(([c, m]) => `${c} ${cell(m)}`).join('; ');
      out.push(`| ${code(usage(sub, p))} | ${cell(sub.summary)} | ${flags} | ${exits} |`);
    }
    rows(sub, [...path, sub.name], out);
  }
}

export function cliReferenceMarkdown(root: CommandSpec): string {
  const out = ['| Command | What it does | Flags | Exit codes |', '|---|---|---|---|'];
  rows(root, [root.name], out);
  return `${out.join('\n')}\n`;
}
