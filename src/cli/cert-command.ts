// `sunbeam-console cert renew NS/NAME [--delete|--issuing]`: force a certificate renewal, the playbook's way
// (delete; ingress-shim recreates it) or cmctl's (the Issuing condition). Without either flag: cmctl's way
// unless the Certificate is ingress-shim managed. Verifies Ready with a newer notAfter.
import { planCertRenew } from '../actions/primitives/certificate.js';
import { CONNECTION_OPTIONS, UsageError, parseFlags, parseTimeout, runAction, withSession } from './action-cli.js';

export const USAGE =
  'usage: sunbeam-console cert renew NS/NAME [--delete|--issuing] [--yes] [--dry-run] [--read-only] [--timeout SECONDS] [--kubeconfig PATH] [--context NAME] [--demo [--scenario NAME]]';

const OPTIONS = { ...CONNECTION_OPTIONS, delete: { type: 'boolean' }, issuing: { type: 'boolean' } } as const;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, OPTIONS);
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [verb, ...rest] = parsed.positionals;
    if (verb !== 'renew') throw new UsageError(verb ? `unknown cert command "${verb}"; the one there is: renew.` : 'say what to do: cert renew NS/NAME.');
    if (rest.length !== 1) throw new UsageError('give exactly one NS/NAME, for example ingress/pingora-tls.');
    if (parsed.values.delete && parsed.values.issuing) throw new UsageError('choose one of --delete and --issuing.');
    parseTimeout(parsed.values.timeout);
  } catch (err) {
    process.stderr.write(`sunbeam-console cert: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  return withSession('cert', USAGE, values, async (s) => {
    const method = values.delete ? 'delete' : values.issuing ? 'issuing' : 'auto';
    const action = await planCertRenew(s.clients.kube, positionals[1]!, method);
    return runAction(action, s, { yes: values.yes, dryRun: values['dry-run'], timeoutMs: parseTimeout(values.timeout) });
  });
}
