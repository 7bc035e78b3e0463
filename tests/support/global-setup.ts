import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { freePort, startAzurite, startMailDev } from '../../scripts/local-stack';

declare module 'vitest' {
  export interface ProvidedContext {
    storageConnectionString: string;
    smtpPort: number;
    mailInboxPort: number;
    webRoot: string;
  }
}

/**
 * One Azurite (in memory) and one MailDev for the whole run, on free ports so a running `npm start` is never
 * disturbed. Each test file isolates itself with its own table/queue prefix.
 */
export default async function setup(project: TestProject) {
  const [blob, queue, table, smtp, inbox] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const root = path.resolve(import.meta.dirname, '../..');
  const webRoot = path.join(root, 'dist/web');
  const [azurite, maildev] = await Promise.all([
    startAzurite({ ports: { blob, queue, table } }),
    startMailDev({ smtpPort: smtp, webPort: inbox }),
    build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' }),
  ]);
  project.provide('storageConnectionString', azurite.connectionString);
  project.provide('smtpPort', smtp);
  project.provide('mailInboxPort', inbox);
  project.provide('webRoot', webRoot);
  return async () => {
    await Promise.all([azurite.stop(), maildev.stop()]);
  };
}
