import type { KeyFile } from '../key-files/key-file';
import type { AppRegistrar } from './app-registrar.port';
import { registrarFailure, secretStoreUnavailable } from './assignment-errors';
import { entraEndDateTime, environments, nextCredentials, type IssuedSecret } from './assignment-rules';
import type { CredentialSchedule } from './credential-schedule';
import type { AssignCredentialsInput } from './assignment.schemas';
import type { EnvironmentName } from './credentials.schemas';
import { bogotaDay } from './expiry-calendar';
import { secretName, type SecretRef, type SecretStore } from './secret-store.port';

type Deps = {
  registrar: AppRegistrar;
  secrets: SecretStore;
  schedule: CredentialSchedule;
  log: (message: string, error?: unknown) => void;
  /** «Certificado en lugar de secreto» (absent: secrets only, as before certificates existed). */
  certificates?: CertificateTerms | undefined;
};

/** What an environment accepts (…_CREDENTIAL_TYPE) and the provider's certificate there, if one was uploaded. */
export type CertificateTerms = {
  credentialTypeOf(env: EnvironmentName): 'certificate' | 'secret' | 'either';
  current(nit: string, env: EnvironmentName): Promise<{ notAfter: string; registration: 'entra' | 'pending' | 'manual' } | undefined>;
};

/** A generated credential not referenced by a saved file after this long is removed by the retirement timer. */
const PROVISIONAL_MS = 30 * 60 * 1000;

/**
 * The outside effects of an assignment: secrets generated in Entra ID and written to the secret store (new
 * versions), each one on record so that a save which does not land can take them all back out.
 */
export function createSecretIssuing({ registrar, secrets, schedule, log, certificates }: Deps) {
  return function begin(assignment: { nit: string; providerName: string; officer: string; now: Date; validUntil: string }) {
    const { nit, officer, now } = assignment;
    const generated: { env: EnvironmentName; objectId: string; keyId: string }[] = [];
    const written: SecretRef[] = [];

    async function storeSecret(env: EnvironmentName, kind: 'client-secret' | 'subscription-key', value: string) {
      try {
        const ref = await secrets.put(secretName('ihce', nit, env, kind), value);
        written.push(ref);
        return ref;
      } catch (error) {
        log(`El almacén de secretos rechazó ${kind} de ${env} para ${nit}`, error);
        throw secretStoreUnavailable(error);
      }
    }

    /**
     * A certificate-only environment: the application only, never a password (the delegate would never receive
     * it, and it would sit in Entra ID and Key Vault as a credential no one uses). A certificate registered on it
     * gives the keys its end date; without one, the entry's date stands until the delegate uploads it.
     */
    async function applicationOnly(env: EnvironmentName): Promise<IssuedSecret> {
      let application;
      try {
        application = await registrar.ensureApplication(env, nit, assignment.providerName);
      } catch (error) {
        log(`Entra ID rechazó la aplicación de ${env} para ${nit}`, error);
        throw registrarFailure(error, env);
      }
      const certificate = await certificates!.current(nit, env);
      const certificateEnd = certificate && certificate.registration !== 'pending' ? bogotaDay(new Date(certificate.notAfter)) : undefined;
      return {
        clientId: application.appId.toLowerCase(),
        tenantId: registrar.tenantOf(env).toLowerCase(),
        entra: { applicationObjectId: application.objectId },
        ...(application.apiAccess && { apiAccess: application.apiAccess }),
        ...(certificateEnd && certificateEnd > bogotaDay(now) && { expiresOn: certificateEnd }),
      };
    }

    /** Generated in Entra ID: a password on the provider's application, straight into the secret store. */
    async function generate(env: EnvironmentName, expiresOn: string): Promise<IssuedSecret> {
      if (certificates?.credentialTypeOf(env) === 'certificate') return applicationOnly(env);
      let issued;
      let application;
      try {
        application = await registrar.ensureApplication(env, nit, assignment.providerName);
        issued = await registrar.addPassword(env, application.objectId, {
          displayName: `IHCE ${now.toISOString().slice(0, 10)} ${officer}`,
          endDateTime: entraEndDateTime(expiresOn),
        });
      } catch (error) {
        log(`Entra ID rechazó la generación de ${env} para ${nit}`, error);
        throw registrarFailure(error, env);
      }
      generated.push({ env, objectId: application.objectId, keyId: issued.keyId });
      // On record before anything else can fail: if this process dies before the save, the timer removes it.
      await schedule.watchGenerated({
        nit,
        environment: env,
        objectId: application.objectId,
        keyId: issued.keyId,
        checkAt: new Date(now.getTime() + PROVISIONAL_MS).toISOString(),
      });
      // Straight from Graph's answer into the secret store: no one sees it, nothing else keeps it.
      const ref = await storeSecret(env, 'client-secret', issued.secretText);
      return {
        clientId: application.appId.toLowerCase(),
        tenantId: registrar.tenantOf(env).toLowerCase(),
        ref,
        entra: { applicationObjectId: application.objectId, keyId: issued.keyId },
        ...(application.apiAccess && { apiAccess: application.apiAccess }),
      };
    }

    /** A new secret for this environment: generated in Entra ID now, or the one the official typed; none keeps the current one. */
    async function newSecret(env: EnvironmentName, entry: AssignCredentialsInput[EnvironmentName]): Promise<IssuedSecret | undefined> {
      if (entry.mode === 'entra') return generate(env, entry.expiresOn);
      if (entry.clientSecret === undefined) return undefined;
      return {
        clientId: entry.clientId!.toLowerCase(),
        tenantId: entry.tenantId!.toLowerCase(),
        ref: await storeSecret(env, 'client-secret', entry.clientSecret),
      };
    }

    async function environment(file: KeyFile, entry: AssignCredentialsInput[EnvironmentName], env: EnvironmentName) {
      const current = file.environments[env];
      // One after the other: a failed subscription key must not leave a generation running unseen.
      const fresh = await newSecret(env, entry);
      const subscriptionKeyRef =
        entry.subscriptionKey === undefined
          ? current?.subscriptionKeyRef
          : await storeSecret(env, 'subscription-key', entry.subscriptionKey);
      return nextCredentials({ current, entry, fresh, subscriptionKeyRef, now, officer, validUntil: assignment.validUntil });
    }

    return {
      /** One environment's new keys (the automatic issuance of pre-production), its secret already stored. */
      environment,
      /** Both environments' new keys, their secrets already stored. */
      async environments(file: KeyFile, input: AssignCredentialsInput): Promise<KeyFile['environments']> {
        // Settle both environments before judging: a failure in one must not leave the other's work running unseen.
        const outcomes = await Promise.allSettled(environments.map((env) => environment(file, input[env], env)));
        const failure = outcomes.find((outcome) => outcome.status === 'rejected');
        if (failure) throw failure.reason;
        const [preproduction, production] = outcomes.map(
          (outcome) => (outcome as PromiseFulfilledResult<KeyFile['environments']['production']>).value,
        );
        return { preproduction, production };
      },

      /** Undoes the outside effects of a save that failed: generated passwords leave Entra ID, written versions are disabled. */
      async withdraw(): Promise<void> {
        await Promise.all([
          ...generated.map(({ env, objectId, keyId }) =>
            registrar
              .removePassword(env, objectId, keyId)
              .catch((error: unknown) =>
                log(
                  `No se pudo retirar de Entra ID el secreto ${keyId} (${env}, ${nit}) de un guardado fallido; retírelo en el portal`,
                  error,
                ),
              ),
          ),
          ...written.map((ref) =>
            secrets
              .disable(ref)
              .catch((error: unknown) =>
                log(`No se pudo deshabilitar la versión ${ref.version} de ${ref.name} de un guardado fallido`, error),
              ),
          ),
        ]);
      },
    };
  };
}
export type SecretIssuance = ReturnType<ReturnType<typeof createSecretIssuing>>;
