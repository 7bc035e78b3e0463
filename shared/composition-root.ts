import { createAccountEmails } from './accounts/account-emails';
import { createAccountRepository } from './accounts/account.repository';
import { createCaptchaService } from './accounts/captcha.service';
import { createPasswordHasher } from './accounts/password-hasher';
import { createRegistrationService } from './accounts/registration.service';
import { createSessionRepository } from './accounts/session.repository';
import { createSessionService } from './accounts/session.service';
import { createAuditLog } from './audit/audit.repository';
import { loadConfig, type AppConfig } from './config';
import { createDirectoryImport } from './directory/directory-import.service';
import { createDirectoryRepository } from './directory/directory.repository';
import { createEventPublisher } from './notifications/event-publisher';
import type { Mailer } from './notifications/mailer.port';
import { createNotificationDispatcher } from './notifications/notification-dispatcher';
import { systemClock, type Clock } from './platform/clock';
import { createAcsMailer } from './platform/mail/acs-mailer';
import { createSmtpMailer } from './platform/mail/smtp-mailer';
import { azureCredential, createStorage, type Storage } from './platform/storage';

export type Overrides = { clock?: Clock; mailer?: Mailer; storage?: Storage; log?: (message: string, error?: unknown) => void };

/** Builds every adapter and use case once, from validated configuration. The only place that knows them all. */
export async function buildServices(config: AppConfig, overrides: Overrides = {}) {
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? ((message: string, error?: unknown) => console.error(message, error instanceof Error ? error.message : ''));
  const storage = overrides.storage ?? createStorage(config);
  await storage.ensureCreated();

  const mailer =
    overrides.mailer ??
    (config.MAIL_TRANSPORT === 'smtp'
      ? createSmtpMailer({ host: config.SMTP_HOST!, port: config.SMTP_PORT!, from: config.MAIL_FROM })
      : createAcsMailer({ endpoint: config.ACS_ENDPOINT!, from: config.MAIL_FROM, credential: azureCredential(config.IHCE_STORAGE__clientId) }));

  const directory = createDirectoryRepository(storage);
  const accounts = createAccountRepository(storage);
  const sessionsRepository = createSessionRepository(storage);
  const audit = createAuditLog(storage, clock);
  const events = createEventPublisher(storage, clock, log);
  const captcha = createCaptchaService({ hmacKey: config.CAPTCHA_HMAC_KEY, maxNumber: config.CAPTCHA_MAX_NUMBER, storage, clock });
  const hasher = createPasswordHasher(config.PASSWORD_HASH_COST);
  const accountEmails = createAccountEmails({ accounts, directory, mailer, clock, publicBaseUrl: config.PUBLIC_BASE_URL });

  return {
    config,
    clock,
    storage,
    audit,
    events,
    captcha,
    directory,
    directoryImport: createDirectoryImport(directory),
    registration: createRegistrationService({ accounts, directory, captcha, hasher, events, audit, clock }),
    sessions: createSessionService({ accounts, sessions: sessionsRepository, directory, captcha, hasher, audit, clock }),
    notifications: createNotificationDispatcher({ storage, clock, accountEmails }),
  };
}
export type Services = Awaited<ReturnType<typeof buildServices>>;

let current: Promise<Services> | undefined;

/** The process-wide services, built on first use from `process.env`. */
export function services(): Promise<Services> {
  current ??= buildServices(loadConfig(process.env)).catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** Lets the local host and tests install services built with their own configuration or fakes at the edge. */
export function useServices(value: Services | Promise<Services>): void {
  current = Promise.resolve(value);
}
