// A spinner on its own line, at 8 frames a second (the rest of the dialog does not depend on it).
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { fit } from '../../src/views/index.js';
import { tone } from '../theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ text, width }: { text: string; width: number }) {
  const [i, setI] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setI((n) => (n + 1) % FRAMES.length), 125);
    return () => clearInterval(t);
  }, []);
  return (
    <Text color={tone('accent')} wrap="truncate">
      {fit(` ${FRAMES[i]} ${text}`, width)}
    </Text>
  );
}
