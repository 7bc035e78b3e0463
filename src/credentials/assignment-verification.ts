import { AppError } from '../kernel/app-error';
import type { AssignCredentialsParsed } from './assignment.schemas';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import type { Verification } from './key-check.schemas';
import { auditedVerification, type KeyVerificationRecords } from './key-verification-records';

export type AssignmentVerifications = Record<EnvironmentName, Verification>;

const environments: EnvironmentName[] = ['preproduction', 'production'];

/**
 * «Guardar» and «Verificar llaves»: per environment, what the server's own record says of exactly the keys being
 * saved (`passed`, `failed-confirmed`, or `not-run` when nothing matches: never verified, edited since, older than
 * 30 minutes, or generated in Entra ID at this save). Keys that failed are refused unless the official confirmed.
 */
export async function assignmentVerifications(
  records: Pick<KeyVerificationRecords, 'find'>,
  nit: string,
  input: AssignCredentialsParsed,
): Promise<AssignmentVerifications> {
  // Both environments' records are read at once (two point reads, one round trip).
  const found = await Promise.all(
    environments.map((env) => {
      const entry = input[env];
      if (entry.mode === 'entra' || entry.clientId === undefined || entry.tenantId === undefined) return 'not-run' as const;
      return records.find(nit, env, {
        clientId: entry.clientId,
        tenantId: entry.tenantId,
        scope: entry.scope,
        clientSecret: entry.clientSecret,
      });
    }),
  );
  const result: Partial<AssignmentVerifications> = {};
  const refused: { field: string; message: string }[] = [];
  for (const [i, env] of environments.entries()) {
    const record = found[i];
    if (record === 'not-run') {
      result[env] = 'not-run';
      continue;
    }
    const verification = auditedVerification(record, input[env].confirmFailedVerification === true);
    if (verification !== 'failed') result[env] = verification;
    else {
      const code = record?.outcome === 'failed' && record.code ? ` (${record.code})` : '';
      refused.push({
        field: `${env}.verification`,
        message: `Las llaves de ${environmentLabels[env]} no pasaron «Verificar llaves»${code}. Confirme que desea guardarlas de todos modos.`,
      });
    }
  }
  if (refused.length > 0)
    throw new AppError('llaves-no-verificadas', 422, refused.map((problem) => problem.message).join(' '), { fields: refused });
  return result as AssignmentVerifications;
}
