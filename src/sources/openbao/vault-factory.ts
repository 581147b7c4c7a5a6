// The one file that imports node-vault: it makes clients and nothing else (reads and writes are elsewhere:
// the source reads through them, src/actions/writers/bao.ts writes).
import createVault from 'node-vault';

export type VaultClient = ReturnType<typeof createVault>;

export const nodeVault: typeof createVault = (options) => createVault(options);
