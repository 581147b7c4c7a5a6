// The one place a secret typed into the console lives: a closure, never the store, never a flow state, never
// a log. The hidden input of a secret prompt collects here; a secret runbook param is kept here until the
// params step hands all values to the flow, which passes them to the executor and drops them. wipe() on
// every close, cancel and new dialog.
import { withoutLast } from '../views/text-width.js';

export interface SecretInput {
  /** Whether anything is typed (the dialog shows a fixed mask, never the count). */
  readonly typed: boolean;
  append(text: string): void;
  erase(): void;
  /** The typed secret, once: the input is empty afterwards. */
  take(): string;
  /** Keeps a secret param's value until the params step is complete. */
  keep(name: string, value: string): void;
  /** The kept params, once. */
  takeKept(): Record<string, string>;
  wipe(): void;
}

export function createSecretInput(): SecretInput {
  let hidden = '';
  let kept: Record<string, string> = {};
  return {
    get typed() {
      return hidden.length > 0;
    },
    append(text) {
      hidden += text;
    },
    erase() {
      hidden = withoutLast(hidden);
    },
    take() {
      const v = hidden;
      hidden = '';
      return v;
    },
    keep(name, value) {
      kept[name] = value;
    },
    takeKept() {
      const k = kept;
      kept = {};
      return k;
    },
    wipe() {
      hidden = '';
      kept = {};
    },
  };
}
