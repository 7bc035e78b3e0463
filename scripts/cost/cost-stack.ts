import { randomUUID } from 'node:crypto';
import type { Timer } from '@azure/functions';
import { functionDefinitions } from '../../functions/definitions';
import { createKeyVaultSecretStore } from '../../src/adapters/secrets/key-vault-secret-store';
import { bindFunctions, type BoundTimerFunction } from '../../src/http/function-definition';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { startEntraSimulator } from '../local-host/entra-simulator';
import { createKeyVaultContract, VAULT_URL } from '../local-host/key-vault-contract';
import { startLocalApp } from '../local-host/local-app';
import { localEnv } from '../local-env';
import { azuriteConnectionString, freePort, startAzurite, startMailDev } from '../local-stack';
import { startCountingProxy, type Counts } from './counting-proxy';
import { createStorage } from '../../src/platform/storage/storage';
import { zeroCounts, type OperationCounts } from './cost-model';

export const MINISTRY_ALERTS = 'alertas.llaves@minsalud-costo.example';
const IN_FLIGHT_WAIT_MS = 30_000;

/**
 * The real app in this process (time is not measured here) against Azurite behind one counting proxy per
 * storage service, the Key Vault contract server through the real SecretClient, the Entra ID simulator for
 * «Generar en Entra ID» and MailDev for the e-mails: every call at the platform's edges is counted there.
 */
export async function startCostStack() {
  const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
  const azurite = await startAzurite({ ports });
  const proxies = {
    table: await startCountingProxy('table', ports.table),
    queue: await startCountingProxy('queue', ports.queue),
    blob: await startCountingProxy('blob', ports.blob),
  };
  const mail = { smtpPort: await freePort(), webPort: await freePort() };
  const maildev = await startMailDev(mail);
  const entra = await startEntraSimulator();
  const vault = createKeyVaultContract();
  const appPort = await freePort();
  const env = {
    ...localEnv({
      appPort,
      storage: azuriteConnectionString({ blob: proxies.blob.port, queue: proxies.queue.port, table: proxies.table.port }),
      smtpPort: mail.smtpPort,
      entraSimulatorUrl: entra.url,
    }),
    SECRET_STORE: 'keyvault',
    KEY_VAULT_URL: VAULT_URL,
    MSPS_ALERT_EMAILS: MINISTRY_ALERTS,
    // What is counted does not depend on the work factor of the password hash or the captcha.
    PASSWORD_HASH_COST: '1024',
    CAPTCHA_MAX_NUMBER: '1000',
  };
  const secrets = createKeyVaultSecretStore({
    vaultUrl: VAULT_URL,
    credential: vault.credential,
    clientOptions: { httpClient: vault.httpClient, retryOptions: { maxRetries: 0 } },
  });
  const app = await startLocalApp({ env, port: appPort, timers: false, trustForwardedFor: true, overrides: { log: () => {}, secrets } });
  const timers = bindFunctions(functionDefinitions, app.services).filter((f): f is BoundTimerFunction => f.trigger === 'timer');

  let httpInvocations = 0;
  let timerRuns = 0;
  const mailbox = `http://127.0.0.1:${mail.webPort}`;
  /** ACS bills each recipient: the envelope's recipients of every message MailDev caught. */
  type Caught = { to?: unknown[]; envelope?: { to?: unknown[] } };
  const emailCount = async () =>
    ((await (await fetch(`${mailbox}/email`)).json()) as Caught[]).reduce((n, m) => n + (m.envelope?.to?.length ?? m.to?.length ?? 1), 0);

  /** Recipients of the reminders' daily summary to the ministry (once a day, not once per provider). */
  const digestRecipients = async () =>
    ((await (await fetch(`${mailbox}/email`)).json()) as (Caught & { subject: string })[])
      .filter((m) => m.subject.startsWith('Vencimiento de llaves IHCE'))
      .reduce((n, m) => n + (m.envelope?.to?.length ?? m.to?.length ?? 1), 0);

  /** Every edge's running total, turned into what the price file bills. */
  async function snapshot(): Promise<OperationCounts> {
    const t: Counts = proxies.table.counts;
    const q: Counts = proxies.queue.counts;
    const b: Counts = proxies.blob.counts;
    return {
      ...zeroCounts(),
      tableTx: t.read + t.write + t.list + t.delete,
      queueClass1: q.write + q.delete + q.list,
      queueClass2: q.read,
      blobWrite: b.write,
      blobList: b.list,
      blobRead: b.read + b.delete,
      keyVault: vault.calls.filter((c) => c.authorized && c.status < 500).length,
      graph: entra.calls.length,
      emails: await emailCount(),
      executions: httpInvocations + timerRuns + q.messagesDeleted,
      frontDoorRequests: httpInvocations,
    };
  }

  /**
   * Waits until the queue worker has polled an empty queue after the last counted call and holds no message it
   * received (its e-mails are sent): an idle poll of another queue while an e-mail is still on its way (a loaded
   * machine) does not end the wait. A message whose handler failed stays received and not deleted: after
   * IN_FLIGHT_WAIT_MS that difference is taken as the new normal.
   */
  // Looks at the notifications queue past the proxies (not counted): a message not yet taken keeps the wait going.
  const uncounted = createStorage({ ...app.services.config, IHCE_STORAGE: azuriteConnectionString(ports) }).queueOf('notifications');
  let settledInFlight = 0;
  const inFlight = () => proxies.queue.counts.messagesReceived - proxies.queue.counts.messagesDeleted;
  async function settle() {
    const busy = () =>
      proxies.table.counts.requests + proxies.blob.counts.requests + proxies.queue.counts.requests - proxies.queue.counts.idlePolls;
    const started = Date.now();
    for (;;) {
      const before = { busy: busy(), idle: proxies.queue.counts.idlePolls };
      await new Promise((resolve) => setTimeout(resolve, 300));
      while (proxies.queue.counts.idlePolls === before.idle) await new Promise((resolve) => setTimeout(resolve, 100));
      if (busy() !== before.busy) continue;
      if (Date.now() - started > IN_FLIGHT_WAIT_MS) break;
      if (inFlight() <= settledInFlight && (await uncounted.count()) === 0) break;
    }
    settledInFlight = inFlight();
  }

  /** Calls the API as the browser does (one HTTP function execution each), from its own address. */
  async function api(path: string, init: RequestInit & { ip?: string } = {}) {
    httpInvocations++;
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', init.ip ?? '198.51.100.7');
    if (init.body) headers.set('content-type', 'application/json');
    headers.set('origin', app.url);
    return fetch(`${app.url}${path}`, { ...init, headers });
  }

  async function runTimer(name: string) {
    const timer = timers.find((t) => t.name === name);
    if (!timer) throw new Error(`No existe el temporizador ${name}`);
    timerRuns++;
    const info: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } };
    await timer.handler(info, new InvocationContext({ invocationId: randomUUID(), functionName: name, logHandler: () => {} }));
  }

  return {
    app,
    services: app.services,
    entra,
    mailbox,
    snapshot,
    digestRecipients,
    settle,
    api,
    runTimer,
    /** Counted as one timer execution (the nightly export's handler is this one call and a log line). */
    countTimerRun: () => timerRuns++,
    async stop() {
      await app.stop();
      await entra.close();
      await maildev.stop();
      await Promise.all(Object.values(proxies).map((p) => p.stop()));
      await azurite.stop();
    },
  };
}
export type CostStack = Awaited<ReturnType<typeof startCostStack>>;

export const diff = (after: OperationCounts, before: OperationCounts): OperationCounts =>
  Object.fromEntries(
    Object.keys(after).map((k) => [k, after[k as keyof OperationCounts] - before[k as keyof OperationCounts]]),
  ) as OperationCounts;
