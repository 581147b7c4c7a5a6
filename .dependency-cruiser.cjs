// The architecture rules of design.md, checked on every `npm test` (test/unit/architecture.test.ts runs
// dependency-cruiser with this file). A rule broken here is a layering mistake, not a style nit.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere: a cycle makes load order matter and hides a missing layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-has-no-ui',
      severity: 'error',
      comment: 'src/ is the console without React: the one-shot commands and tests use it alone.',
      from: { path: '^src/' },
      to: { path: ['^node_modules/(react|ink|ink-testing-library|@alcalzone/ink-table)/', '^screens/', '^hooks/'] },
    },
    {
      name: 'hooks-do-not-import-screens',
      severity: 'error',
      comment: 'hooks/ bind the store, keys and terminal to screens; they never reach into components.',
      from: { path: '^hooks/' },
      to: { path: '^screens/' },
    },
    {
      name: 'screens-do-not-reach-the-world',
      severity: 'error',
      comment: 'screens/ render and dispatch; sources, clients and writers belong to src/ and the composition root in bin/.',
      from: { path: '^screens/' },
      to: {
        path: [
          '^src/sources/',
          '^src/session/',
          '^src/kube/',
          '^src/actions/writers/',
          '^src/sim/',
          '^node_modules/(@kubernetes/client-node|node-vault|pg)/',
        ],
      },
    },
    {
      name: 'sim-wire-layer-independent-of-box',
      severity: 'error',
      comment: "The simulator's Kubernetes wire layer knows nothing of the Box it serves.",
      from: { path: '^src/sim/k8s/' },
      to: { path: '^src/sim/box/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
