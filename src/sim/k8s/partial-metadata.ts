// meta.k8s.io PartialObjectMetadata, what a client asks for with `Accept: application/json;as=PartialObjectMetadata;
// g=meta.k8s.io;v=v1` when it wants an object's metadata alone (the console's look at the bot Secret: its name,
// never its data). As the API server: the first media type of the Accept list decides; the answer is the
// object's metadata under kind PartialObjectMetadata, in the version asked (v1 or v1beta1). A single GET only.
import type { K8sObject } from './object-store.js';

/** The meta.k8s.io version asked for when the first acceptable media type is PartialObjectMetadata; undefined otherwise. */
export function wantsPartialMetadata(accept: string | undefined): 'v1' | 'v1beta1' | undefined {
  const first = accept?.split(',')[0];
  if (!first) return undefined;
  const params = new Map(
    first
      .split(';')
      .slice(1)
      .map((p) => p.split('=').map((x) => x.trim()) as [string, string]),
  );
  if (params.get('as') !== 'PartialObjectMetadata' || params.get('g') !== 'meta.k8s.io') return undefined;
  const v = params.get('v');
  return v === 'v1' || v === 'v1beta1' ? v : undefined;
}

export function toPartialMetadata(o: K8sObject, version: 'v1' | 'v1beta1'): object {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: o.metadata };
}
