import { AppError } from '../kernel/app-error';
import type { RequestMeta } from '../kernel/request-meta';
import type { Clock } from '../platform/clock';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { AccountRepository } from '../accounts/account.repository';
import { usernameFor } from '../accounts/account-holder';
import type { SessionService } from '../accounts/session.service';
import type { FlowSeal } from './flow-seal';
import { OpenIdResponseError, type EntraIdentity, type OpenIdSignIn } from './openid-sign-in.port';
import { ssoRefusals, type SsoRefusalCode } from './officer-sso.schemas';
import type { SsoBinding, SsoBindings } from './sso-binding.repository';

export const OFFICER_APP_ROLE = 'IHCE.Funcionario';
/** Entra's `amr` values that mean a second factor was used. */
const SECOND_FACTOR_AMR = ['mfa', 'ngcmfa'];
/** Marks accounts an official never registered with a password: created by the first Entra sign-in. */
export const ENTRA_ACCOUNT_CONSENT = 'entra-id';

export const ssoRefused = (code: SsoRefusalCode) => new AppError(code, code === 'no-disponible' ? 503 : 403, ssoRefusals[code]);

type Deps = {
  openId: OpenIdSignIn | undefined;
  /** The registered redirect URI (from PUBLIC_BASE_URL): the host a request arrives on may differ behind a front door. */
  redirectUri: string;
  seal: FlowSeal;
  tenantId: string | undefined;
  requireMfa: boolean;
  bindings: SsoBindings;
  accounts: AccountRepository;
  directory: DirectoryRepository;
  /** A complete session for an official whose second factor the ministry's Entra ID proved. */
  startSession: SessionService['startVerified'];
  audit: AuditLog;
  clock: Clock;
};

/**
 * «Ingresar con cuenta institucional (Microsoft Entra ID)». The first sign-in binds the Entra account
 * (`tid` + `oid`) to the directory official whose e-mail is the token's `email` (else its UPN,
 * `preferred_username`); from then on the binding decides, and a different `oid` with the same e-mail is
 * refused. Every sign-in needs the app role and the directory, and a second factor in `amr` when required.
 */
export function createOfficerSso(deps: Deps) {
  const { seal, bindings, accounts, directory, audit, clock } = deps;

  const enabledOpenId = () => {
    if (!deps.openId) throw ssoRefused('deshabilitado');
    return deps.openId;
  };

  async function refuse(code: SsoRefusalCode, meta: RequestMeta, who: { username?: string; identity?: EntraIdentity }) {
    const { identity } = who;
    await audit.record({
      subject: who.username ? `user:${who.username}` : 'sso:entra',
      action: 'ingreso.entra.rechazado',
      actor: who.username ?? (identity ? `entra:${identity.oid}` : '(anónimo)'),
      ip: meta.ip,
      detail: { motivo: code, ...(identity && { tid: identity.tid, oid: identity.oid }) },
    });
    return ssoRefused(code);
  }

  async function validated(callbackQuery: string, sealedFlow: string | undefined, meta: RequestMeta): Promise<EntraIdentity> {
    const flow = seal.open(sealedFlow, clock.now());
    // Not audited: anyone can call the callback without a flow; an answer to a real flow that fails is.
    if (!flow) throw ssoRefused('flujo-invalido');
    try {
      const callbackUrl = new URL(deps.redirectUri);
      callbackUrl.search = callbackQuery;
      return await enabledOpenId().complete(callbackUrl, flow);
    } catch (error) {
      if (!(error instanceof OpenIdResponseError)) throw error;
      const code = error.kind === 'cancelled' ? 'cancelado' : error.kind === 'unavailable' ? 'no-disponible' : 'flujo-invalido';
      throw await refuse(code, meta, {});
    }
  }

  /** The official this Entra account is (or, at the first sign-in, becomes) bound to. */
  async function boundOfficial(identity: EntraIdentity, meta: RequestMeta): Promise<SsoBinding> {
    const existing = await bindings.ofEntraAccount(identity.tid, identity.oid);
    if (existing) return existing;
    const officer = identity.email ? (await directory.listOfficers()).find((o) => o.email.toLowerCase() === identity.email) : undefined;
    if (!officer) throw await refuse('fuera-del-directorio', meta, { identity });
    const username = usernameFor({ role: 'officer', idType: officer.idType, idNumber: officer.idNumber });
    const held = await bindings.bind({
      tid: identity.tid,
      oid: identity.oid,
      username,
      idType: officer.idType,
      idNumber: officer.idNumber,
    });
    if (held.oid !== identity.oid || held.tid !== identity.tid) throw await refuse('otra-cuenta-vinculada', meta, { username, identity });
    return held;
  }

  /** An official who never registered with a password gets an active account without one. */
  async function ensureActiveAccount({ username, idType, idNumber }: SsoBinding) {
    const now = clock.now();
    const account = await accounts.get(username);
    if (!account) {
      await accounts.create({
        username,
        role: 'officer',
        idType,
        idNumber,
        status: 'active',
        failedAttempts: 0,
        consentVersion: ENTRA_ACCOUNT_CONSENT,
        consentAcceptedAt: now,
        createdAt: now,
        activatedAt: now,
      });
    } else if (account.status !== 'active') {
      await accounts.modify(username, (current) =>
        current.status === 'active' ? undefined : { ...current, status: 'active', activatedAt: now, tokenHash: undefined },
      );
    }
  }

  return {
    async begin(): Promise<{ authorizationUrl: string; sealedFlow: string }> {
      const { authorizationUrl, flow } = await enabledOpenId()
        .begin()
        .catch((error: unknown) => {
          throw error instanceof OpenIdResponseError ? ssoRefused('no-disponible') : error;
        });
      return { authorizationUrl, sealedFlow: seal.seal(flow, clock.now()) };
    },

    /** `callbackQuery`: the provider's answer as it reached the callback (`?code=…&state=…`). */
    async complete(callbackQuery: string, sealedFlow: string | undefined, meta: RequestMeta & { userAgent?: string }) {
      enabledOpenId();
      const identity = await validated(callbackQuery, sealedFlow, meta);
      if (identity.tid !== deps.tenantId) throw await refuse('otro-tenant', meta, { identity });
      if (!identity.roles.includes(OFFICER_APP_ROLE)) throw await refuse('sin-rol', meta, { identity });
      const secondFactor = identity.amr.some((value) => SECOND_FACTOR_AMR.includes(value));
      if (deps.requireMfa && !secondFactor) throw await refuse('sin-segundo-factor', meta, { identity });

      const binding = await boundOfficial(identity, meta);
      const { username } = binding;
      // Read again every time: an official removed from the directory loses access even with a binding.
      if (!(await directory.getOfficer(binding))) throw await refuse('fuera-del-directorio', meta, { username, identity });
      await ensureActiveAccount(binding);

      // What Entra proved, beside the session's own `ingreso.exitoso` (which the session service records).
      await audit.record({
        subject: `user:${username}`,
        action: 'ingreso.entra',
        actor: username,
        ip: meta.ip,
        detail: { amr: identity.amr.join(' '), tid: identity.tid, oid: identity.oid },
      });
      const { sessionId } = await deps.startSession(username, { secondFactorAt: secondFactor ? clock.now() : undefined }, meta);
      return { sessionId };
    },
  };
}
export type OfficerSso = ReturnType<typeof createOfficerSso>;

/** The refusal code behind an error of this flow, or undefined for an unexpected failure (storage down…). */
export function ssoRefusalOf(error: unknown): SsoRefusalCode | undefined {
  return error instanceof AppError && Object.hasOwn(ssoRefusals, error.code) ? (error.code as SsoRefusalCode) : undefined;
}
