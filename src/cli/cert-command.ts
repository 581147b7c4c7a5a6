// `sunbeam-console cert renew NS/NAME [--delete|--issuing]`: force a certificate renewal, the playbook's way
// (delete; ingress-shim recreates it) or cmctl's (the Issuing condition). Without either flag: cmctl's way
// unless the Certificate is ingress-shim managed. Verifies Ready with a newer notAfter. Flags: program-spec.ts
// (commander refuses --delete with --issuing).
import { planCertRenew } from '../actions/primitives/certificate.js';
import { parseTimeout, runAction, targetRef, usageFailure, withSession, type ActionValues } from './action-cli.js';

interface RenewValues extends ActionValues {
  delete?: boolean;
  issuing?: boolean;
}

export async function run(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as RenewValues;
  try {
    parseTimeout(values.timeout);
  } catch (err) {
    return usageFailure('cert renew', err);
  }
  return withSession('cert renew', values, async (s) => {
    const ref = targetRef(args[0]!, values.namespace, s.namespace);
    const method = values.delete ? 'delete' : values.issuing ? 'issuing' : 'auto';
    const action = await planCertRenew(s.clients.kube, `${ref.namespace}/${ref.name}`, method);
    return runAction(action, s, { yes: values.yes, dryRun: values.dryRun, timeoutMs: parseTimeout(values.timeout) });
  });
}
