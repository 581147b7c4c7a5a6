// Bundles bin/main.ts into bin/sunbeam-console.js: one file, so start-up does not pay for thousands of module loads.
import { build } from 'esbuild';
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const out = 'bin/sunbeam-console.js';
const roots = ['src', 'screens', 'hooks', 'bin', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return path === out ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

if (process.argv.includes('--if-needed') && existsSync(out)) {
  const built = statSync(out).mtimeMs;
  if (Math.max(...roots.map(newestMtime)) <= built) process.exit(0);
}

await build({
  entryPoints: ['bin/main.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': './bin/devtools-stub.js' },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
