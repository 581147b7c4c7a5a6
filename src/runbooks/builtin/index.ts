// All built-in runbooks, as data (validated by the same schema as the user's, in a test and at load), for the
// Box's names (src/ladder/box-graph.ts: the defaults, or the config file's `box:`).
import { DEFAULT_BOX_NAMES, type BoxNames } from '../../ladder/box-graph.js';
import type { RunbookDef } from '../schema.js';
import { certificateRunbooks } from './certificates.js';
import { databaseRunbooks } from './database.js';
import { secretRunbooks } from './secrets.js';
import { serviceRunbooks } from './services.js';
import { workloadRunbooks } from './workloads.js';

export function builtinRunbookDefs(names: BoxNames): RunbookDef[] {
  return [...workloadRunbooks, ...databaseRunbooks(names), ...certificateRunbooks(names), ...serviceRunbooks(names), ...secretRunbooks];
}

/** The built-ins for the default Box. */
export const BUILTIN_RUNBOOKS: readonly RunbookDef[] = builtinRunbookDefs(DEFAULT_BOX_NAMES);
