// Risk tiers, the confirmation each needs, and the read-only gate: the ONE function that the runbook
// picker, the help, the command line and the executor consult to decide whether an action may run.
import type { ReadOnlyCause } from '../config/index.js';
import type { Action, Confirmation, Tier } from './types.js';

const RANK: Record<Tier, number> = { read: 0, change: 1, destructive: 2, secret: 3 };

export function maxTier(tiers: Tier[]): Tier {
  let best: Tier = 'read';
  for (const t of tiers) if (RANK[t] > RANK[best]) best = t;
  return best;
}

/** What the UI must ask before running an action of this tier on this target. */
export function confirmationFor(tier: Tier, targetName: string, secretPrompt = 'Secret'): Confirmation {
  switch (tier) {
    case 'read':
      return { kind: 'none' };
    case 'change':
      return { kind: 'yes-no', default: 'no' };
    case 'destructive':
      return { kind: 'typed', expect: targetName };
    case 'secret':
      return { kind: 'secret', prompt: secretPrompt };
  }
}

/**
 * Whether what the user gave satisfies the action's confirmation. yes-no: only an explicit y/yes (Enter on an
 * empty line is the default, No); typed: exactly the target's name; secret: a non-empty value.
 */
export function confirmationSatisfied(action: Pick<Action, 'confirmation'>, input: string | undefined): boolean {
  const c = action.confirmation;
  switch (c.kind) {
    case 'none':
      return true;
    case 'yes-no': {
      const a = (input ?? '').trim().toLowerCase();
      return a === 'y' || a === 'yes';
    }
    case 'typed':
      return input === c.expect;
    case 'secret':
      return typeof input === 'string' && input.length > 0;
  }
}

function tierPhrase(t: Tier): string {
  switch (t) {
    case 'read':
      return 'a read';
    case 'change':
      return 'a change';
    case 'destructive':
      return 'destructive';
    case 'secret':
      return 'a secret-bearing action';
  }
}

/** What undoes the causes of read-only mode, naming each: "start without --read-only and SUNBEAM_READ_ONLY=1". */
function undo(causes: readonly ReadOnlyCause[]): string {
  const without: string[] = [];
  const other: string[] = [];
  for (const c of causes) {
    if (c.by === 'flag') without.push('--read-only');
    else if (c.by === 'env') without.push(`SUNBEAM_READ_ONLY=${c.value}`);
    else if (c.by === 'file') other.push(`remove readOnly: true from ${c.file}`);
    else other.push(`fix ${c.file} (it could not be read)`);
  }
  return [...(without.length ? [`start without ${without.join(' and ')}`] : []), ...other].join(' and ');
}

/**
 * THE read-only gate. Returns undefined when the action may run, or the one sentence that says why not, naming
 * what made the run read-only (`causes`, from the config: src/config loadConfig's readOnlyCause; a caller that
 * gives none means its own --read-only flag): "Read-only mode: restart is a change; start without --read-only
 * to run it.", "...; remove readOnly: true from ~/.config/sunbeam-console/config.yaml to run it."
 */
export function readOnlyRefusal(what: { verb: string; tier: Tier }, readOnly: boolean, causes: readonly ReadOnlyCause[] = [{ by: 'flag' }]): string | undefined {
  if (!readOnly || what.tier === 'read') return undefined;
  return `Read-only mode: ${what.verb} is ${tierPhrase(what.tier)}; ${undo(causes.length ? causes : [{ by: 'flag' }])} to run it.`;
}

/** Convenience for lists (picker, help): true when the gate lets it through. */
export function permitted(what: { verb: string; tier: Tier }, readOnly: boolean): boolean {
  return readOnlyRefusal(what, readOnly) === undefined;
}

/**
 * The prompt line for the action's confirmation. In a terminal (one question, `sunbeam-console run`) anything
 * but the name cancels; in the console's dialog a wrong name does nothing (the dialog stays open) and Esc cancels.
 */
export function confirmationPrompt(action: Pick<Action, 'confirmation' | 'title'>, where: 'terminal' | 'dialog' = 'terminal'): string {
  const c = action.confirmation;
  switch (c.kind) {
    case 'none':
      return '';
    case 'yes-no':
      return `${action.title}? [y/N]`;
    case 'typed':
      return where === 'dialog' ? `Type ${c.expect} to confirm (a wrong name does nothing; Esc cancels):` : `Type ${c.expect} to confirm (anything else cancels):`;
    case 'secret':
      return `${c.prompt} (hidden):`;
  }
}
