import type { SessionUser } from '../accounts/accounts.schemas';
import type { CredentialAssignment } from './credential-assignment.service';
import type { OfficerConsole } from './officer-console.service';

type Assign = CredentialAssignment['assign'];

/** Guardar: records the keys of both environments, then answers the file as it now stands, with its new version. */
export function createSaveProviderKeys(deps: {
  credentialAssignment: Pick<CredentialAssignment, 'assign'>;
  officerConsole: Pick<OfficerConsole, 'file'>;
}) {
  return async function saveProviderKeys(officer: SessionUser, nit: string, input: Parameters<Assign>[2], options: Parameters<Assign>[3]) {
    const { firstAssignment } = await deps.credentialAssignment.assign(officer, nit, input, options);
    const file = await deps.officerConsole.file(officer, nit);
    return { firstAssignment, file };
  };
}
