// The bottom bar: the keys that work in the current view, generated from the keymap.
import { Text } from 'ink';
import { useAppStore } from '../hooks/useAppStore.js';
import { keyBarText, scopesFor } from '../src/keymap/index.js';
import { tone } from './theme.js';

export function KeyBar({ view, width }: { view: string; width: number }) {
  const readOnly = useAppStore((s) => s.ui.readOnly);
  return (
    <Text color={tone('muted')} wrap="truncate">
      {keyBarText(scopesFor(view), width, readOnly)}
    </Text>
  );
}
