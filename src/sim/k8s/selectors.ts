// Label and field selectors, parsed once per request and applied to lists and watch events alike.
import type { K8sObject } from './object-store.js';
import { errors } from './status.js';

export type Matcher = (o: K8sObject) => boolean;

type LabelReq =
  | { op: 'eq' | 'ne'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'gt' | 'lt'; key: string; value: number };

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

function checkKey(key: string, whole: string): string {
  if (!KEY.test(key)) throw errors.badRequest(`unable to parse requirement: found '${key}', expected: identifier (in "${whole}")`);
  return key;
}

export function parseLabelSelector(sel: string | null | undefined): Matcher {
  if (!sel || !sel.trim()) return () => true;
  const reqs: LabelReq[] = [];
  for (const part of splitTop(sel)) {
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^(\S+)\s+(in|notin)\s*\((.*)\)$/))) {
      const values = m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '');
      reqs.push({ op: m[2] as 'in' | 'notin', key: checkKey(m[1]!, sel), values });
    } else if ((m = part.match(/^!\s*(\S+)$/))) {
      reqs.push({ op: 'notexists', key: checkKey(m[1]!, sel) });
    } else if ((m = part.match(/^([^=!<>\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
      reqs.push({ op: m[2] === '!=' ? 'ne' : 'eq', key: checkKey(m[1]!, sel), value: m[3]! });
    } else if ((m = part.match(/^([^=!<>\s]+)\s*([<>])\s*(-?\d+)$/))) {
      reqs.push({ op: m[2] === '>' ? 'gt' : 'lt', key: checkKey(m[1]!, sel), value: Number(m[3]) });
    } else if ((m = part.match(/^([^=!<>\s(),]+)$/))) {
      reqs.push({ op: 'exists', key: checkKey(m[1]!, sel) });
    } else {
      throw errors.badRequest(`unable to parse requirement: <nil>: Invalid value: "${part}": invalid label selector`);
    }
  }
  return (o) => {
    const labels = o.metadata.labels ?? {};
    return reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      const v = labels[r.key];
      switch (r.op) {
        case 'eq':
          return has && v === r.value;
        case 'ne':
          return !has || v !== r.value;
        case 'in':
          return has && r.values.includes(v!);
        case 'notin':
          return !has || !r.values.includes(v!);
        case 'exists':
          return has;
        case 'notexists':
          return !has;
        case 'gt':
          return has && Number(v) > r.value;
        case 'lt':
          return has && Number(v) < r.value;
      }
    });
  };
}

/** The fields each type can be selected on besides metadata.name and metadata.namespace (as the real server). */
const FIELDS: Record<string, string[]> = {
  pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  secrets: ['type'],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  'jobs.batch': ['status.successful'],
  'replicasets.apps': ['status.replicas'],
  persistentvolumeclaims: [],
};

function fieldValue(o: K8sObject, path: string): string {
  if (path === 'source') return String(o.source?.component ?? '');
  let cur: any = o;
  for (const p of path.split('.')) cur = cur == null ? undefined : cur[p];
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function parseFieldSelector(sel: string | null | undefined, key: string): Matcher {
  if (!sel || !sel.trim()) return () => true;
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(FIELDS[key] ?? [])]);
  const reqs: { field: string; neg: boolean; value: string }[] = [];
  for (const part of splitTop(sel)) {
    const m = part.match(/^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw errors.badRequest(`invalid selector: '${sel}'; can't understand '${part}'`);
    const field = m[1]!;
    if (!allowed.has(field)) throw errors.badRequest(`field label not supported: ${field}`);
    reqs.push({ field, neg: m[2] === '!=', value: m[3]!.trim() });
  }
  return (o) => reqs.every((r) => (fieldValue(o, r.field) === r.value) !== r.neg);
}
