// The sunbeam-console executable: thin; the commands live in src/, the console's composition root beside this
// file (run-console.tsx, loaded only for the console) and its components in screens/.
import { exitQuietlyOnClosedPipe, main } from '../src/cli/main.js';

exitQuietlyOnClosedPipe();

main(process.argv.slice(2), { console: () => import('./run-console.js').then((m) => m.run) }).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sunbeam-console: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
