// The one store (zustand vanilla): sources write batched records, screens read through selectors, the keymap
// and actions dispatch through the named actions below.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { emptyKube, type KubeCollection, type KubePatch, type KubeSlice } from './kube-slice.js';
import type { SourceHealth } from './records.js';
import { emptyUi, type ModalSpec, type RungId, type UiSlice, type ViewFrame, type Flash } from './ui-slice.js';

export interface SourcesSlice {
  /** Health per source: 'kubernetes', 'openbao', 'alertmanager', 'loki', 'postgres'... */
  sources: Record<string, SourceHealth>;
}

export interface Actions {
  applyKube(patches: KubePatch[]): void;
  setKubeContext(context: string, server: string): void;
  markSynced(collection: KubeCollection): void;
  setSource(name: string, health: SourceHealth): void;
  setRung(rung: RungId): void;
  pushView(frame: ViewFrame): void;
  popView(): void;
  openModal(modal: ModalSpec): void;
  closeModal(id?: string): void;
  setFilter(filter: string, editing?: boolean): void;
  setCommand(open: boolean, text?: string): void;
  flash(text: string, level?: Flash['level']): void;
  setNamespace(ns: string | undefined): void;
  setCursor(view: string, row: number): void;
  setSort(view: string, column: string): void;
  clearFlash(): void;
}

export type State = KubeSlice & UiSlice & SourcesSlice & { actions: Actions };
export type AppStore = StoreApi<State>;

export function createAppStore(opts: { readOnly?: boolean; now?: () => number } = {}): AppStore {
  const now = opts.now ?? Date.now;
  return createStore<State>()((set, get) => ({
    kube: emptyKube(),
    ui: emptyUi(opts.readOnly ?? false),
    sources: {},
    actions: {
      applyKube(patches) {
        if (patches.length === 0) return;
        const kube = { ...get().kube };
        for (const p of patches) {
          const cur = p.replace ? {} : { ...(kube[p.collection] as Record<string, unknown>) };
          for (const r of p.upsert ?? []) cur[(r as { key?: string; name: string }).key ?? (r as { name: string }).name] = r;
          for (const k of p.remove ?? []) delete cur[k];
          (kube as Record<string, unknown>)[p.collection] = cur;
          if (p.collection === 'pods' || p.collection === 'workloads') {
            const ns = new Set<string>();
            for (const r of Object.values(kube.pods)) ns.add(r.namespace);
            for (const r of Object.values(kube.workloads)) ns.add(r.namespace);
            const list = [...ns].sort();
            if (list.join() !== kube.namespaces.join()) kube.namespaces = list;
          }
        }
        set({ kube });
      },
      setKubeContext(context, server) {
        set({ kube: { ...get().kube, context, server } });
      },
      markSynced(collection) {
        const k = get().kube;
        if (k.synced[collection]) return;
        set({ kube: { ...k, synced: { ...k.synced, [collection]: true } } });
      },
      setSource(name, health) {
        const prev = get().sources[name];
        if (prev && prev.state === health.state && prev.lastError === health.lastError && prev.lastSuccess === health.lastSuccess && prev.detail === health.detail) return;
        set({ sources: { ...get().sources, [name]: health } });
      },
      setRung(rung) {
        const ui = get().ui;
        if (ui.rung === rung && ui.stack.length === 0) return;
        set({ ui: { ...ui, rung, stack: [], filter: '', filterEditing: false } });
      },
      pushView(frame) {
        const ui = get().ui;
        set({ ui: { ...ui, stack: [...ui.stack, frame], filter: '', filterEditing: false } });
      },
      popView() {
        const ui = get().ui;
        if (ui.stack.length === 0) return;
        set({ ui: { ...ui, stack: ui.stack.slice(0, -1) } });
      },
      openModal(modal) {
        const ui = get().ui;
        set({ ui: { ...ui, modals: [...ui.modals.filter((m) => m.id !== modal.id), modal] } });
      },
      closeModal(id) {
        const ui = get().ui;
        if (ui.modals.length === 0) return;
        const modals = id ? ui.modals.filter((m) => m.id !== id) : ui.modals.slice(0, -1);
        set({ ui: { ...ui, modals } });
      },
      setFilter(filter, editing = false) {
        set({ ui: { ...get().ui, filter, filterEditing: editing } });
      },
      setCommand(open, text = '') {
        set({ ui: { ...get().ui, command: { open, text } } });
      },
      flash(text, level = 'info') {
        set({ ui: { ...get().ui, flash: { text, level, at: now() } } });
      },
      setNamespace(namespace) {
        set({ ui: { ...get().ui, namespace } });
      },
      setCursor(view, row) {
        const ui = get().ui;
        if (ui.cursor[view] === row) return;
        set({ ui: { ...ui, cursor: { ...ui.cursor, [view]: row } } });
      },
      setSort(view, column) {
        const ui = get().ui;
        if (ui.sort[view] === column) return;
        set({ ui: { ...ui, sort: { ...ui.sort, [view]: column } } });
      },
      clearFlash() {
        const ui = get().ui;
        if (!ui.flash) return;
        set({ ui: { ...ui, flash: undefined } });
      },
    },
  }));
}

export type { KubePatch, KubeCollection } from './kube-slice.js';
export type { ModalSpec, RungId, ViewFrame, Flash } from './ui-slice.js';
export * from './records.js';
