// The console context (journal, runbooks, action flow; see src/console/types.ts) for the dialogs that read
// it, passed in once at wiring time; undefined in a console without runbooks.
import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { ConsoleContext } from '../src/console/types.js';

const Context = createContext<ConsoleContext | undefined>(undefined);

export function ConsoleProvider({ console, children }: { console?: ConsoleContext; children?: ReactNode }) {
  return createElement(Context.Provider, { value: console }, children);
}

export function useConsole(): ConsoleContext | undefined {
  return useContext(Context);
}
