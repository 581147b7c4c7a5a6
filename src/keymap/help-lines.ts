// The help overlay's text, from the keymap and the command table: every key of the view beneath, then the
// overlay's own keys, then each dialog's key line, then the commands.
import { COMMANDS } from '../commands/index.js';
import { DIALOG_SCOPES, bindingsFor, dialogKeyLine, scopeTitle, scopesFor } from './keymap.js';

const VIEW_TITLES: Record<string, string> = {
  status: 'the Status pane',
  check: 'the Check pane',
  workload: 'a workload',
  pod: 'a pod',
  data: 'the Data pane',
  alerts: 'the Alerts pane',
};

export function helpLines(view: string, readOnly = false): string[] {
  const lines = [`Keys for ${VIEW_TITLES[view] ?? view}`];
  for (const b of bindingsFor(scopesFor(view), readOnly)) lines.push(`  ${b.display.padEnd(10)} ${b.help}`);
  lines.push('', 'In this overlay');
  for (const b of bindingsFor(['help'])) lines.push(`  ${b.display.padEnd(10)} ${b.help}`);
  lines.push('', 'Commands (type : then the command, Enter runs it)');
  for (const c of COMMANDS.filter((c) => !(readOnly && c.change))) lines.push(`  :${c.usage.padEnd(24)} ${c.help}${c.aliases.length ? ` (also :${c.aliases.join(', :')})` : ''}`);
  lines.push('', 'In the dialogs (a key that says yes counts once the question has been on screen a moment)');
  for (const scope of DIALOG_SCOPES) if (scope !== 'dialog-idle') lines.push(`  ${scopeTitle(scope).padEnd(26)} ${dialogKeyLine(scope)}`);
  return lines;
}
