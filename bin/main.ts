// The sunbeam-console executable: thin, everything lives in src/ (commands) and screens/ (the console).
import { main } from '../src/cli/main.js';

main(process.argv.slice(2), { console: () => import('../screens/run-console.js').then((m) => m.run) }).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sunbeam-console: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
