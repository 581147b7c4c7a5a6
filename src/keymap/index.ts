export * from './keymap.js';
