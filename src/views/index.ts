export * from './format.js';
export * from './columns.js';
export * from './health.js';
export * from './status-rows.js';
export * from './detail.js';
export * from './text-width.js';
export * from './vault-lines.js';
export * from './data-lines.js';
