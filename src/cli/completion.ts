// `sunbeam-console completion bash|zsh`: a completion script generated from the program definition: the
// commands and subcommands, each command's flags, and the values of the flags and arguments that have a fixed
// set (scenarios, output formats, the Box's namespaces and check's areas) or name a file.
import { BOX_NAMESPACES, OUTPUT_FORMATS, SCENARIOS } from './program-spec.js';
import { CHECK_AREAS } from '../ladder/box-graph.js';
import type { CommandSpec, Completes, OptionSpec } from './spec.js';

interface Node {
  /** '' for the program, 'status', 'runbook run'... */
  path: string;
  commands: { name: string; summary: string }[];
  options: OptionSpec[];
  /** Words an argument of this command may be. */
  values: string[];
}

const HELP: OptionSpec = { flags: '-h, --help', description: 'show the help' };
const VERSION: OptionSpec = { flags: '--version', description: 'print the version' };

const WORDS: Partial<Record<Completes, readonly string[]>> = {
  scenario: SCENARIOS,
  namespace: BOX_NAMESPACES,
  output: OUTPUT_FORMATS,
  area: [...Object.keys(CHECK_AREAS), ...BOX_NAMESPACES],
  shell: ['bash', 'zsh'],
};

/** Every command of the definition, with what completes after it. The default command's flags are the program's. */
function nodes(root: CommandSpec): Node[] {
  const out: Node[] = [];
  const visit = (spec: CommandSpec, path: string[]) => {
    const subs = spec.subcommands ?? [];
    const isRoot = path.length === 0;
    const dflt = isRoot ? subs.find((s) => s.isDefault) : undefined;
    out.push({
      path: path.join(' '),
      commands: [...subs.map((s) => ({ name: s.name, summary: s.summary })), ...(isRoot ? [{ name: 'help', summary: 'show the help of a command' }] : [])],
      options: [...(spec.options ?? []), ...(dflt?.options ?? []), HELP, ...(isRoot ? [VERSION] : [])],
      values: [...new Set((spec.args ?? []).flatMap((a) => [...(a.choices ?? []), ...((a.completes && WORDS[a.completes]) || [])]))],
    });
    for (const s of subs) visit(s, [...path, s.name]);
  };
  visit(root, []);
  // `help COMMAND`: the program's commands.
  out.push({ path: 'help', commands: out[0]!.commands.filter((c) => c.name !== 'help'), options: [], values: [] });
  return out;
}

const names = (o: OptionSpec) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'));
const takesValue = (o: OptionSpec) => /[<[]/.test(o.flags);

/** Every option taking a value, each flag once, with what completes its value. */
function valueOptions(all: Node[]): Map<string, Completes | undefined> {
  const m = new Map<string, Completes | undefined>();
  for (const n of all) for (const o of n.options) if (takesValue(o)) for (const f of names(o)) if (!m.get(f)) m.set(f, o.completes);
  return m;
}

/** The case patterns that move the command path on: ':status', 'runbook:run'. */
function pathPatterns(all: Node[]): string {
  return all.flatMap((n) => n.commands.map((c) => `"${n.path}:${c.name}"`)).join('|');
}

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function bashCompletion(root: CommandSpec): string {
  const all = nodes(root);
  const values = valueOptions(all);
  const fn = `_${root.name.replace(/[^a-zA-Z0-9]/g, '_')}`;
  const valueCases = [...values]
    .map(([flag, c]) => {
      if (c === 'file') return `    ${flag}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`;
      if (c === 'dir') return `    ${flag}) COMPREPLY=($(compgen -d -- "$cur")); return ;;`;
      const words = c ? WORDS[c] : undefined;
      return words ? `    ${flag}) COMPREPLY=($(compgen -W ${sq(words.join(' '))} -- "$cur")); return ;;` : `    ${flag}) return ;;`;
    })
    .join('\n');
  const nodeCases = all
    .map((n) => `    ${sq(n.path)}) commands=${sq(n.commands.map((c) => c.name).join(' '))}; flags=${sq(n.options.flatMap(names).join(' '))}; words=${sq(n.values.join(' '))} ;;`)
    .join('\n');
  return `# bash completion for ${root.name}, generated from its program definition by \`${root.name} completion bash\`.
# Load it with: source <(${root.name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="" w i skip=0
  if (( COMP_CWORD > 0 )); then prev="\${COMP_WORDS[COMP_CWORD-1]}"; fi
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    if (( skip )); then skip=0; continue; fi
    case "$w" in
      ${[...values.keys()].join('|')}) skip=1; continue ;;
      -*) continue ;;
    esac
    case "$path:$w" in
      ${pathPatterns(all)}) path="\${path:+$path }$w" ;;
    esac
  done
  case "$prev" in
${valueCases}
  esac
  local commands="" flags="" words=""
  case "$path" in
${nodeCases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$commands $words" -- "$cur"))
  fi
}
complete -F ${fn} ${root.name}
`;
}

/** zsh: "name:description" entries for _describe (a colon in a name is escaped). */
const described = (name: string, description: string) => sq(`${name.replace(/:/g, '\\:')}:${description}`);

export function zshCompletion(root: CommandSpec): string {
  const all = nodes(root);
  const values = valueOptions(all);
  const fn = `_${root.name.replace(/[^a-zA-Z0-9]/g, '_')}`;
  const valueCases = [...values]
    .map(([flag, c]) => {
      if (c === 'file') return `    (${flag}) _files; return ;;`;
      if (c === 'dir') return `    (${flag}) _files -/; return ;;`;
      const words = c ? WORDS[c] : undefined;
      return words ? `    (${flag}) compadd -- ${words.map(sq).join(' ')}; return ;;` : `    (${flag}) _message 'a value'; return ;;`;
    })
    .join('\n');
  const nodeCases = all
    .map((n) => {
      const cmds = n.commands.map((c) => described(c.name, c.summary)).join(' ');
      const flags = n.options.flatMap((o) => names(o).map((f) => described(f, o.description))).join(' ');
      return `    (${sq(n.path)}) commands=(${cmds}); flags=(${flags}); words_=(${n.values.map(sq).join(' ')}) ;;`;
    })
    .join('\n');
  return `#compdef ${root.name}
# zsh completion for ${root.name}, generated from its program definition by \`${root.name} completion zsh\`.
# Put it in a directory of $fpath as _${root.name}, or load it with: source <(${root.name} completion zsh)
${fn}() {
  local p="" w prev="\${words[CURRENT-1]}" i skip=0
  local -a commands flags words_
  for (( i = 2; i < CURRENT; i++ )); do
    w="\${words[i]}"
    if (( skip )); then skip=0; continue; fi
    case "$w" in
      (${[...values.keys()].join('|')}) skip=1; continue ;;
      (-*) continue ;;
    esac
    case "$p:$w" in
      (${pathPatterns(all)}) p="\${p:+$p }$w" ;;
    esac
  done
  case "$prev" in
${valueCases}
  esac
  case "$p" in
${nodeCases}
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then
    _describe -t options option flags
  else
    _describe -t commands command commands
    (( \${#words_} )) && compadd -- "\${words_[@]}"
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${root.name}
fi
`;
}

export function completionScript(shell: 'bash' | 'zsh', root: CommandSpec): string {
  return shell === 'zsh' ? zshCompletion(root) : bashCompletion(root);
}
