// Field schemas the step kinds share, with the error sentences runbook authors read ("required for exec").
import { z } from 'zod';

/** zod's error option: "required for <kind>" when the field is missing, zod's own sentence otherwise. */
export function required(kind: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? `required for ${kind}` : undefined) };
}

/** NS/NAME, or a template: "{{target}}", "{{namespace}}/{{name}}". For check: a namespace. */
export const target = (kind: string) => z.string(required(kind)).min(1);
