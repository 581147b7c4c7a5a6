// The bottom bar: the keys that work in the current view, generated from the keymap.
import { Text } from 'ink';
import { keyBarText, scopesFor } from '../src/keymap/index.js';
import { tone } from './theme.js';

export function KeyBar({ view, width }: { view: string; width: number }) {
  return (
    <Text color={tone('muted')} wrap="truncate">
      {keyBarText(scopesFor(view), width)}
    </Text>
  );
}
