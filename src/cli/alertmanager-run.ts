// The run of the AlertManager one-shots (mon alerts, mon silence ...): the AlertManager client and what the
// executor needs for a silence (the writers, the journal, read-only). Under --demo it is the session's, on the
// simulated Box (its AlertManager alone); otherwise AlertManager is all these commands talk to, so no
// kubeconfig is needed, as amtool needs none: the settings come from --alertmanager.url, ALERTMANAGER_URL, the
// config file or amtool's default (src/session/alertmanager-env.ts), the journal and read-only from the same
// configuration as every other command. The Kubernetes client there points nowhere (nothing here reads it).
import { KubeConfig } from '@kubernetes/client-node';
import { createWriters } from '../actions/writers/index.js';
import { ConfigError } from '../config/index.js';
import { Journal } from '../journal/journal.js';
import { kubeClients } from '../kube/client.js';
import { alertmanagerSettings } from '../session/alertmanager-env.js';
import type { Session } from '../session/index.js';
import { journalDirFor, resolveSettings } from '../session/settings.js';
import { alertmanagerClient, type AlertmanagerClient } from '../sources/alertmanager/client.js';
import { prepare, UsageError } from './action-cli.js';

export interface AlertmanagerValues {
  demo?: boolean;
  scenario?: string;
  readOnly?: boolean;
  'alertmanager.url'?: string;
}

export type AlertmanagerRun = Pick<Session, 'clients' | 'writers' | 'journal' | 'readOnly' | 'config'> & {
  client: AlertmanagerClient;
  stop(): Promise<void>;
};

/** A Kubernetes client for a run that has none (it is never called: the silence actions read AlertManager only). */
function noKube() {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'none', server: 'https://kubernetes.invalid' }], users: [{ name: 'none' }], contexts: [{ name: 'none', cluster: 'none', user: 'none' }], currentContext: 'none' });
  return kubeClients(kc);
}

/** Opens the run; throws UsageError (exit 2) for bad flags, a bad config file or an unusable setting. */
export async function openAlertmanagerRun(values: AlertmanagerValues): Promise<AlertmanagerRun> {
  const flag = values['alertmanager.url'];
  if (values.demo) {
    if (flag) throw new UsageError('--demo uses the simulated Box\'s AlertManager; leave out --alertmanager.url.');
    const session = await prepare({ demo: true, readOnly: values.readOnly, ...(values.scenario ? { scenario: values.scenario } : {}) }).connect();
    const client = session.clients.alertmanager;
    if (!client) {
      await session.stop();
      throw new UsageError('the simulated Box serves no AlertManager in this build.');
    }
    return { clients: session.clients, writers: session.writers, journal: session.journal, readOnly: session.readOnly, config: session.config, client, stop: () => session.stop() };
  }
  if (values.scenario) throw new UsageError('--scenario only goes with --demo.');
  let settings;
  try {
    settings = resolveSettings({ readOnly: values.readOnly ? true : undefined, ...(flag ? { alertmanagerUrl: flag } : {}) }, process.env, 'throw');
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const am = alertmanagerSettings(process.env, { flag, file: flag ? undefined : settings.config.backends.alertmanagerUrl });
  if (am.problem) throw new UsageError(am.problem);
  const client = alertmanagerClient(am);
  const clients = { kube: noKube(), alertmanager: client };
  return {
    clients,
    writers: createWriters(clients),
    journal: new Journal({ dir: journalDirFor(settings.config, false) }),
    readOnly: settings.readOnly,
    config: settings.config,
    client,
    stop: async () => {},
  };
}
