import { AppError, conflict, fieldError } from '../kernel/app-error';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { eventIdFor, type EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import { CONFIDENTIALITY_AGREEMENT_VERSION, roles, type RegistrationInput, type RegistrationSummary } from './accounts.schemas';
import { auditableUsername, maskEmail, normalizeUsername, resolveHolder, usernameFor, type Holder, type HolderRef } from './account-holder';
import { AccountChangedError, type AccountRepository, type StoredAccount } from './account.repository';
import { checkToken, usernameFromToken, type TokenPurpose } from './account-tokens';
import type { PasswordHasher } from './password-hasher';
import { historyAfterChange, newPasswordProblem } from './password-policy';
import type { RequestMeta } from '../kernel/request-meta';

type Deps = {
  accounts: AccountRepository;
  directory: DirectoryRepository;
  hasher: PasswordHasher;
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
};

const invalidLink = (purpose: TokenPurpose) =>
  fieldError(
    'token',
    purpose === 'activation'
      ? 'El enlace de activación no es válido o ya se usó. Regístrese de nuevo para recibir otro.'
      : 'El enlace para restablecer la contraseña no es válido o ya se usó. Solicítelo de nuevo.',
  );
const expiredLink = (purpose: TokenPurpose) =>
  fieldError(
    'token',
    purpose === 'activation'
      ? 'El enlace de activación venció (es válido por 24 horas). Regístrese de nuevo para recibir otro.'
      : 'El enlace para restablecer la contraseña venció (es válido por 24 horas). Solicítelo de nuevo.',
  );

/** Sections 6.2 (registro) and the account's life after it: activation and password reset. */
export function createRegistrationService(deps: Deps) {
  const { accounts, directory, hasher, events, audit, clock } = deps;

  async function findHolder(input: RegistrationInput): Promise<{ ref: HolderRef; holder: Holder }> {
    if (input.userType === 'delegate') {
      const provider = await directory.getProvider(input.nit);
      if (!provider) {
        throw fieldError(
          'nit',
          `El NIT ${input.nit} no está registrado como Prestador de Servicios de Salud en el directorio del Ministerio. Verifique el número (sin dígito de verificación).`,
        );
      }
      const ref: HolderRef = { role: 'delegate', idType: input.idType, idNumber: input.idNumber.toUpperCase(), nit: input.nit };
      const holder = await resolveHolder(directory, ref);
      if (!holder) {
        throw fieldError(
          'idNumber',
          `La persona con ${input.idType} ${input.idNumber} no está designada como Delegado Administrativo para el NIT ${input.nit}. La entidad debe delegarla primero en www.miseguridadsocial.gov.co.`,
        );
      }
      return { ref, holder };
    }
    const ref: HolderRef = { role: 'officer', idType: input.idType, idNumber: input.idNumber.toUpperCase() };
    const holder = await resolveHolder(directory, ref);
    if (!holder) {
      throw fieldError(
        'idNumber',
        `La persona con ${input.idType} ${input.idNumber} no figura como funcionario del Ministerio con el rol IHCE MSPS.`,
      );
    }
    return { ref, holder };
  }

  async function consumeToken(token: string, purpose: TokenPurpose, password: string, meta: RequestMeta) {
    const username = usernameFromToken(token);
    const account = username ? await accounts.get(username) : undefined;
    const check = checkToken(account, token, purpose, clock.now());
    if (check === 'invalid' || !account) throw invalidLink(purpose);
    if (check === 'expired') throw expiredLink(purpose);
    if (purpose === 'reset' && account.status !== 'active') throw invalidLink(purpose);
    const holder = await resolveHolder(directory, account);
    if (!holder)
      throw new AppError('sin-delegacion', 403, 'Su usuario ya no figura en el directorio del Ministerio; no es posible activarlo.');

    const problem = await newPasswordProblem(password, account, hasher);
    if (problem) throw fieldError('password', problem);

    const now = clock.now();
    const updated: StoredAccount = {
      ...account,
      status: 'active',
      passwordHash: await hasher.hash(password),
      previousPasswordHashes: historyAfterChange(account.passwordHash, account.previousPasswordHashes),
      passwordChangedAt: now,
      activatedAt: account.activatedAt ?? now,
      failedAttempts: 0,
      lockedUntil: undefined,
      tokenHash: undefined,
      tokenPurpose: undefined,
      tokenExpiresOn: undefined,
    };
    try {
      await accounts.update(updated);
    } catch (error) {
      if (error instanceof AccountChangedError) throw invalidLink(purpose);
      throw error;
    }
    await audit.record({
      subject: `user:${account.username}`,
      action: purpose === 'activation' ? 'cuenta.activada' : 'contrasena.restablecida',
      actor: account.username,
      ip: meta.ip,
    });
    if (purpose === 'reset') {
      const changedAt = now.toISOString();
      await events.publish(
        { type: 'account.password-changed', username: account.username, changedAt },
        eventIdFor(`password-changed:${account.username}:${changedAt}`),
      );
    }
    return { username: account.username };
  }

  return {
    /** The bot check is the caller's (account-entry), before anything is charged to the identity. */
    async register(input: RegistrationInput, meta: RequestMeta): Promise<{ created: boolean; summary: RegistrationSummary }> {
      const { ref, holder } = await findHolder(input);
      const username = usernameFor(ref);
      const now = clock.now();

      let existing = await accounts.get(username);
      let created = false;
      if (!existing) {
        created = await accounts.create({
          username,
          ...ref,
          status: 'pending',
          failedAttempts: 0,
          consentVersion: CONFIDENTIALITY_AGREEMENT_VERSION,
          consentAcceptedAt: now,
          createdAt: now,
        });
        if (!created) existing = await accounts.get(username);
      }
      if (existing?.status === 'active') {
        throw conflict(
          'cuenta-existente',
          `Ya existe una cuenta activa con el usuario ${username}. Ingrese con su contraseña o use «¿Olvidó su contraseña?».`,
        );
      }
      if (existing) {
        await accounts.modify(username, (current) =>
          current.status === 'pending'
            ? { ...current, consentVersion: CONFIDENTIALITY_AGREEMENT_VERSION, consentAcceptedAt: now }
            : undefined,
        );
      }

      await events.publish({ type: 'account.activation-requested', username });
      await audit.record({
        subject: `user:${username}`,
        action: created ? 'cuenta.registrada' : 'cuenta.enlace-reenviado',
        actor: username,
        ip: meta.ip,
        detail: { consentVersion: CONFIDENTIALITY_AGREEMENT_VERSION },
      });
      return {
        created,
        summary: {
          username,
          role: ref.role,
          roleLabel: roles[ref.role].label,
          ...(holder.entity && { entity: holder.entity }),
          maskedEmail: maskEmail(holder.email),
          status: 'pending',
          activationLinkSent: true,
        },
      };
    },

    activate: (input: { token: string; password: string }, meta: RequestMeta) =>
      consumeToken(input.token, 'activation', input.password, meta),

    confirmPasswordReset: (input: { token: string; password: string }, meta: RequestMeta) =>
      consumeToken(input.token, 'reset', input.password, meta),

    /** Always answers the same, whether or not the user exists (no account enumeration). */
    async requestPasswordReset(input: { username: string }, meta: RequestMeta): Promise<void> {
      const username = normalizeUsername(input.username);
      // The same work whether the account exists or not: the worker finds nothing to send for unknown users.
      const actor = auditableUsername(username);
      await events.publish({ type: 'account.password-reset-requested', username: actor });
      await audit.record({ subject: `user:${actor}`, action: 'contrasena.restablecimiento-solicitado', actor, ip: meta.ip });
    },

    /** «¿Olvidó su usuario?»: the same work whether or not the person has an account (no enumeration). */
    async requestUsernameReminder(input: { idType: string; idNumber: string }, meta: RequestMeta): Promise<void> {
      const person = { idType: input.idType, idNumber: input.idNumber.toUpperCase() };
      await events.publish({ type: 'account.username-requested', ...person });
      const actor = auditableUsername(`${person.idType}${person.idNumber}`);
      await audit.record({ subject: `user:${actor}`, action: 'usuario.recordatorio-solicitado', actor, ip: meta.ip });
    },
  };
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;
