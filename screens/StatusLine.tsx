// The line above the key bar: the command line or the filter line while open, else the flash message, else
// the active filter.
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useAppStore } from '../hooks/useAppStore.js';
import { compileFilter, truncate } from '../src/views/index.js';
import { tone, type Token } from './theme.js';

const LEVEL: Record<string, Token> = { info: 'focus', warn: 'warn', error: 'failing' };
/** How long a flash message stays (ms): information briefly, warnings and errors longer. */
const TTL: Record<string, number> = { info: 5_000, warn: 12_000, error: 12_000 };

export function StatusLine({ width }: { width: number }) {
  const command = useAppStore((s) => s.ui.command);
  const filter = useAppStore((s) => s.ui.filter);
  const editing = useAppStore((s) => s.ui.filterEditing);
  const flash = useAppStore((s) => s.ui.flash);
  // While the API is not ok, its one-sentence error stays on this line (the panes keep the last known data).
  const apiError = useAppStore((s) => (s.sources.kubernetes && s.sources.kubernetes.state !== 'ok' ? s.sources.kubernetes.lastError : undefined));
  // One timer per flash, to take it down when it expires (no polling).
  const [, expire] = useState(0);
  const ttl = flash ? (TTL[flash.level] ?? 5_000) : 0;
  useEffect(() => {
    if (!flash) return;
    const left = flash.at + ttl - Date.now();
    if (left <= 0) return;
    const t = setTimeout(() => expire((n) => n + 1), left + 10);
    return () => clearTimeout(t);
  }, [flash, ttl]);
  const flashLive = flash && Date.now() - flash.at < ttl ? flash : undefined;
  if (command.open) return <Text wrap="truncate">{truncate(`:${command.text}█`, width)}</Text>;
  const { error } = compileFilter(filter);
  if (editing) {
    return (
      <Text wrap="truncate">
        {`/${filter}█`}
        {error ? <Text color={tone('failing')}>{`  ${error}`}</Text> : null}
      </Text>
    );
  }
  if (error) return <Text color={tone('failing')} wrap="truncate">{truncate(error, width)}</Text>;
  if (flashLive) return <Text color={tone(LEVEL[flashLive.level])} wrap="truncate">{truncate(flashLive.text, width)}</Text>;
  if (filter) return <Text color={tone('muted')} wrap="truncate">{truncate(`filter /${filter}/ · Esc clears`, width)}</Text>;
  if (apiError) return <Text color={tone('failing')} wrap="truncate">{truncate(apiError, width)}</Text>;
  return <Text> </Text>;
}
