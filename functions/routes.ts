import type { HttpFunctionDefinition, QueueFunctionDefinition, TimerFunctionDefinition } from '../src/http/function-definition';

/** What Azure needs to register a function, without its handler: the trigger and its route, queue or schedule. */
export type FunctionRoute =
  | Pick<HttpFunctionDefinition, 'trigger' | 'name' | 'route' | 'methods'>
  | Pick<QueueFunctionDefinition, 'trigger' | 'name' | 'queueName' | 'connection'>
  | Pick<TimerFunctionDefinition, 'trigger' | 'name' | 'schedule'>;

/**
 * The route table: every function of definitions.ts, in the same order, as plain data. main.ts registers
 * these at start without loading any handler or service (cold start); the handlers and the services are
 * loaded on the first invocation. tests/unit/function-routes.test.ts fails when a row and its definition differ.
 */
export const functionRoutes: readonly FunctionRoute[] = [
  { trigger: 'http', name: 'health-get', route: 'health', methods: ['GET'] },
  { trigger: 'http', name: 'captcha-get', route: 'captcha', methods: ['GET'] },
  { trigger: 'http', name: 'catalogs-get', route: 'catalogs', methods: ['GET'] },
  { trigger: 'http', name: 'site-get', route: 'site', methods: ['GET'] },
  { trigger: 'http', name: 'registrations-create', route: 'registrations', methods: ['POST'] },
  { trigger: 'http', name: 'activations-create', route: 'activations', methods: ['POST'] },
  { trigger: 'http', name: 'password-resets-create', route: 'password-resets', methods: ['POST'] },
  { trigger: 'http', name: 'password-resets-confirm', route: 'password-resets/confirm', methods: ['POST'] },
  { trigger: 'http', name: 'username-reminders-create', route: 'username-reminders', methods: ['POST'] },
  { trigger: 'http', name: 'sessions-create', route: 'sessions', methods: ['POST'] },
  { trigger: 'http', name: 'sessions-get-current', route: 'sessions/current', methods: ['GET'] },
  { trigger: 'http', name: 'sessions-delete-current', route: 'sessions/current', methods: ['DELETE'] },
  { trigger: 'http', name: 'sessions-delete', route: 'sessions', methods: ['DELETE'] },
  { trigger: 'http', name: 'sso-entra-start', route: 'sso/entra/start', methods: ['GET'] },
  { trigger: 'http', name: 'sso-entra-callback', route: 'sso/entra/callback', methods: ['GET'] },
  { trigger: 'http', name: 'second-factor-get', route: 'second-factor', methods: ['GET'] },
  { trigger: 'http', name: 'second-factor-totp-create', route: 'second-factor/totp', methods: ['POST'] },
  { trigger: 'http', name: 'second-factor-totp-verify', route: 'second-factor/totp/verification', methods: ['POST'] },
  { trigger: 'http', name: 'second-factor-passkey-options', route: 'second-factor/passkey/options', methods: ['POST'] },
  { trigger: 'http', name: 'second-factor-passkey-verify', route: 'second-factor/passkey/verification', methods: ['POST'] },
  { trigger: 'http', name: 'second-factor-resets-create', route: 'accounts/{username}/second-factor-resets', methods: ['POST'] },
  { trigger: 'http', name: 'my-credentials-get', route: 'my/credentials', methods: ['GET'] },
  { trigger: 'http', name: 'my-requests-create', route: 'my/requests', methods: ['POST'] },
  { trigger: 'http', name: 'my-requests-get', route: 'my/requests/{id}', methods: ['GET'] },
  { trigger: 'http', name: 'my-credentials-secret-get', route: 'my/credentials/{environment}/secret', methods: ['GET'] },
  { trigger: 'http', name: 'my-credentials-config-get', route: 'my/credentials/{environment}/postman', methods: ['GET'] },
  { trigger: 'http', name: 'my-key-checks-create', route: 'my/credentials/{environment}/checks', methods: ['POST'] },
  { trigger: 'http', name: 'my-certificates-get', route: 'my/certificates', methods: ['GET'] },
  { trigger: 'http', name: 'my-certificates-put', route: 'my/certificates/{environment}', methods: ['PUT'] },
  { trigger: 'http', name: 'my-certificate-file-get', route: 'my/certificates/{environment}/cer', methods: ['GET'] },
  { trigger: 'http', name: 'my-certificate-links-create', route: 'my/certificate-links', methods: ['POST'] },
  { trigger: 'http', name: 'certificate-link-uploads-create', route: 'certificate-links/uploads', methods: ['POST'] },
  { trigger: 'http', name: 'requests-list', route: 'requests', methods: ['GET'] },
  { trigger: 'http', name: 'requests-summary-get', route: 'requests/summary', methods: ['GET'] },
  { trigger: 'http', name: 'requests-next-get', route: 'requests/next', methods: ['GET'] },
  { trigger: 'http', name: 'providers-list', route: 'providers', methods: ['GET'] },
  { trigger: 'http', name: 'providers-get', route: 'providers/{nit}', methods: ['GET'] },
  { trigger: 'http', name: 'provider-credentials-put', route: 'providers/{nit}/credentials', methods: ['PUT'] },
  { trigger: 'http', name: 'provider-key-checks-create', route: 'providers/{nit}/credentials/{environment}/checks', methods: ['POST'] },
  { trigger: 'http', name: 'provider-rejections-create', route: 'providers/{nit}/rejections', methods: ['POST'] },
  { trigger: 'http', name: 'provider-audit-get', route: 'providers/{nit}/audit', methods: ['GET'] },
  { trigger: 'http', name: 'directory-uploads-create', route: 'directory/uploads', methods: ['POST'] },
  { trigger: 'http', name: 'directory-uploads-get', route: 'directory/uploads/{id}', methods: ['GET'] },
  { trigger: 'http', name: 'directory-imports-create', route: 'directory/imports', methods: ['POST'] },
  { trigger: 'queue', name: 'directory-imports-run', queueName: 'dirimports', connection: 'IHCE_STORAGE' },
  { trigger: 'queue', name: 'directory-imports-fail', queueName: 'dirimports-poison', connection: 'IHCE_STORAGE' },
  { trigger: 'http', name: 'directory-permissions-get', route: 'directory/permissions', methods: ['GET'] },
  { trigger: 'http', name: 'provider-secret-get', route: 'providers/{nit}/credentials/{environment}/secret', methods: ['GET'] },
  { trigger: 'http', name: 'provider-certificates-get', route: 'providers/{nit}/certificates', methods: ['GET'] },
  { trigger: 'http', name: 'provider-certificate-file-get', route: 'providers/{nit}/certificates/{environment}/cer', methods: ['GET'] },
  {
    trigger: 'http',
    name: 'provider-certificate-registrations-create',
    route: 'providers/{nit}/certificates/{environment}/registration',
    methods: ['POST'],
  },
  { trigger: 'http', name: 'officer-reveal-blocks-list', route: 'officers/reveal-blocks', methods: ['GET'] },
  { trigger: 'http', name: 'officer-reveal-block-delete', route: 'officers/{username}/reveal-block', methods: ['DELETE'] },
  { trigger: 'http', name: 'dashboard-get', route: 'dashboard', methods: ['GET'] },
  { trigger: 'http', name: 'dashboard-export-get', route: 'dashboard/export', methods: ['GET'] },
  { trigger: 'http', name: 'assignment-time-get', route: 'assignment-time', methods: ['GET'] },
  { trigger: 'queue', name: 'notifications-send', queueName: 'notifications', connection: 'IHCE_STORAGE' },
  { trigger: 'timer', name: 'tables-export', schedule: '0 0 7 * * *' },
  { trigger: 'timer', name: 'outbox-dispatch', schedule: '0 */1 * * * *' },
  { trigger: 'timer', name: 'maintenance-purge', schedule: '0 0 3 * * *' },
  { trigger: 'timer', name: 'credentials-retire', schedule: '0 10 * * * *' },
  { trigger: 'timer', name: 'credentials-remind', schedule: '0 0 11 * * *' },
  { trigger: 'timer', name: 'requests-digest', schedule: '0 0 * * * *' },
  { trigger: 'timer', name: 'ops-probe', schedule: '0 */5 * * * *' },
];
