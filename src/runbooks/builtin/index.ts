// All built-in runbooks, as data (validated by the same schema as the user's, in a test and at load).
import type { RunbookDef } from '../schema.js';
import { certificateRunbooks } from './certificates.js';
import { databaseRunbooks } from './database.js';
import { serviceRunbooks } from './services.js';
import { workloadRunbooks } from './workloads.js';

export const BUILTIN_RUNBOOKS: readonly RunbookDef[] = [...workloadRunbooks, ...databaseRunbooks, ...certificateRunbooks, ...serviceRunbooks];
