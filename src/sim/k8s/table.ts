// meta.k8s.io/v1 Table output, what `kubectl get` asks for with `Accept: application/json;as=Table;...`.
import type { K8sObject } from './object-store.js';
import { builtinPrinter, col, NAME_COL, since, type Column, type Printer } from './printers.js';
import { jsonPath } from './jsonpath.js';
import { typeKey, type ResourceType } from './resources.js';
import { errors } from './status.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** True when the Accept header asks for a Table (the first acceptable media type decides, as the server does). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((m) => /;\s*as=Table/.test(m) && /g=meta\.k8s\.io/.test(m));
}

export function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject') ?? 'Metadata';
  if (v !== 'None' && v !== 'Metadata' && v !== 'Object') throw errors.badRequest(`includeObject: unsupported value "${v}"`);
  return v;
}

function customPrinter(t: ResourceType): Printer {
  const cols = t.printerColumns ?? [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
  return {
    columns: [NAME_COL, ...cols.map((c) => col(c.name, c.type, c.priority ?? 0, c.format ?? '', c.description ?? ''))],
    cells(o, now) {
      return [
        o.metadata.name,
        ...cols.map((c) => {
          const v = jsonPath(o, c.jsonPath)[0];
          if (v === undefined || v === null) return null;
          if (c.type === 'date') return typeof v === 'string' ? since(v, now) : '<unknown>';
          if (c.type === 'integer' || c.type === 'number' || c.type === 'boolean') return v;
          return typeof v === 'string' ? v : JSON.stringify(v);
        }),
      ];
    },
  };
}

const DEFAULT_PRINTER: Printer = {
  columns: [NAME_COL, col('Created At', 'date', 0, '', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};

export function printerFor(t: ResourceType): Printer {
  return builtinPrinter(typeKey(t)) ?? (t.custom ? customPrinter(t) : DEFAULT_PRINTER);
}

function rowObject(o: K8sObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function tableRows(t: ResourceType, objects: K8sObject[], include: IncludeObject, now = Date.now()): { cells: unknown[]; object?: unknown }[] {
  const p = printerFor(t);
  return objects.map((o) => {
    const row: { cells: unknown[]; object?: unknown } = { cells: p.cells(o, now) };
    const obj = rowObject(o, include);
    if (obj !== undefined) row.object = obj;
    return row;
  });
}

export function toTable(
  t: ResourceType,
  objects: K8sObject[],
  meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number },
  include: IncludeObject,
): { kind: 'Table'; apiVersion: string; metadata: object; columnDefinitions: Column[]; rows: unknown[] } {
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: meta, columnDefinitions: printerFor(t).columns, rows: tableRows(t, objects, include) };
}
