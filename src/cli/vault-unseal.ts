// `sunbeam-console vault unseal [KEY | -] [--reset]`: the playbook's `sunbeam vault unseal <key>` (3 of 5). Each
// share goes to every sealed replica, the leader first, through the unseal action (journaled: that an unseal
// ran, by whom, on which replicas, the outcome; never the share). Without KEY on a terminal: a hidden prompt,
// share after share, until OpenBao is unsealed (Enter alone stops). `-`: the shares from stdin, one per line.
// KEY as an argument works, as in the playbook, with a warning: it lands in the shell's history. Exit 0 when
// every share given was taken (unsealed, or progress made), 1 when one was refused or OpenBao could not be
// reached, 2 bad usage.
import { execute } from '../actions/executor.js';
import { plannedReplicas, unsealAction, unsealResetAction, UNSEAL_PARAM } from '../actions/primitives/unseal.js';
import { secretBuffers } from '../actions/secret-buffers.js';
import type { Session } from '../session/index.js';
import { UsageError, withSession, type ConnectionValues } from './action-cli.js';
import { bufferLines, promptHidden, readStdinBuffer } from './vault-secret-input.js';

interface UnsealValues extends ConnectionValues {
  reset?: boolean;
  yes?: boolean;
}

async function submit(s: Session, share: Buffer): Promise<{ ok: boolean; unsealed: boolean }> {
  const replicas = await plannedReplicas(s.clients);
  const r = await execute(unsealAction(replicas.map((x) => x.name)), {}, {
    clients: s.clients,
    writers: s.writers,
    journal: s.journal,
    readOnly: s.readOnly,
    readOnlyCause: s.config.readOnlyCause,
    secrets: secretBuffers({ [UNSEAL_PARAM]: share }),
  });
  const ok = r.outcome === 'succeeded';
  const lines = r.steps.flatMap((st) => st.lines ?? []);
  if (ok) process.stdout.write(`${(lines.length ? lines : [r.message]).join('\n')}\n`);
  else process.stderr.write(`sunbeam-console vault unseal: ${r.message}\n`);
  return { ok, unsealed: ok && (lines.length ? lines.every((l) => / unsealed$/.test(l)) : /already unsealed/.test(r.message)) };
}

export async function run(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as UnsealValues;
  const key = args[0];
  if (values.reset && key) return usage('--reset takes no key share.');
  if (!values.reset && key === undefined && !process.stdin.isTTY) return usage('stdin is not a terminal: give - to read the shares from stdin, one per line (or run it in a terminal for a hidden prompt).');
  if (key !== undefined && key !== '-') process.stderr.write('Warning: a key share given as an argument stays in your shell history; next time use the hidden prompt (no argument) or - with stdin.\n');
  return withSession('vault unseal', values, async (s) => {
    if (values.reset) {
      if (!values.yes && !process.stdin.isTTY) throw new UsageError('Refusing to reset the unseal without --yes: stdin is not a terminal, so a script must opt in.');
      const replicas = await plannedReplicas(s.clients);
      const r = await execute(unsealResetAction(replicas.map((x) => x.name)), {}, { clients: s.clients, writers: s.writers, journal: s.journal, readOnly: s.readOnly, readOnlyCause: s.config.readOnlyCause, confirmation: values.yes ? 'y' : await askYes() });
      process.stderr.write(`${r.outcome === 'succeeded' ? 'OK' : r.outcome.toUpperCase()}: ${r.message}\n`);
      return r.outcome === 'succeeded' ? 0 : 1;
    }
    if (key === '-') {
      const all = await readStdinBuffer();
      try {
        const shares = bufferLines(all);
        if (!shares.length) throw new UsageError('stdin had no key share (one per line).');
        for (const share of shares) {
          const r = await submit(s, share);
          if (!r.ok) return 1;
          if (r.unsealed) break;
        }
        return 0;
      } finally {
        all.fill(0);
      }
    }
    if (key !== undefined) return (await submit(s, Buffer.from(key, 'utf8'))).ok ? 0 : 1;
    for (;;) {
      const share = await promptHidden('Unseal key share (will be hidden; Enter alone stops): ');
      if (!share || share.length === 0) return 0;
      const r = await submit(s, share);
      if (r.unsealed) return 0;
      if (!r.ok) process.stderr.write('Enter another share, or Enter alone to stop.\n');
    }
  });
}

function usage(sentence: string): number {
  process.stderr.write(`sunbeam-console vault unseal: ${sentence}\n`);
  return 2;
}

async function askYes(): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Reset the unseal in progress (discard the shares entered)? [y/N] ');
  } finally {
    rl.close();
  }
}
