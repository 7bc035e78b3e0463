import type { ApiAccessAdmin, GeneratedApplication } from '../../src/adapters/entra/api-access-admin';
import type { ApiAccessRecords } from '../../src/credentials/api-access.service';
import { environmentLabels, type EnvironmentName } from '../../src/credentials/credentials.schemas';

export type GrantDeps = {
  admin: ApiAccessAdmin;
  records: ApiAccessRecords;
  /** The system's service principal: the owner of every application it generated. */
  ownerId: string;
  confirm: (question: string) => Promise<boolean>;
  print: (line: string) => void;
};
export type GrantOptions = { environment: EnvironmentName; apply: boolean; yes: boolean; actor: string };

const day = (value: string | undefined) => value?.slice(0, 10) ?? 'sin fecha';
const line = (app: GeneratedApplication) =>
  `  ${app.displayName}  appId ${app.appId}  NIT ${app.nit ?? 'desconocido'}  creada ${day(app.createdDateTime)}`;

/**
 * The human-approved step of «Generar en Entra ID»: lists the applications the system generated whose service
 * principal lacks the IHCE API's app role and, with `apply` (and a confirmation), grants it to each and marks
 * their key files. Dry run by default; running it again grants nothing twice. Returns the exit code.
 */
export async function grantApiAccess(deps: GrantDeps, options: GrantOptions): Promise<number> {
  const { admin, records, ownerId, print } = deps;
  const env = options.environment;
  const label = environmentLabels[env];
  const applications = await admin.generatedApplications(ownerId, env);
  const pendingFiles = new Map((await records.pending(env)).map((item) => [item.clientId, item.nit]));
  const waiting = (app: GeneratedApplication) => pendingFiles.has(app.appId.toLowerCase());
  // Only an application a key file waits for is granted: one the system owns but no key file names (a save that
  // failed, or something the app's identity should not have created) is shown to the administrator, never granted.
  const lacking = applications.filter((app) => app.principalId && !app.hasApiRole && waiting(app));
  const unexpected = applications.filter((app) => app.principalId && !app.hasApiRole && !waiting(app));
  const orphan = applications.filter((app) => !app.principalId);
  // Granted already (in the portal, or a run that stopped halfway) while the key file still says pending.
  const unmarked = applications.filter((app) => app.hasApiRole && waiting(app));

  print(`${label}: ${applications.length} aplicación(es) generadas por el sistema (propietario ${ownerId}).`);
  print(`Sin el permiso de la API de IHCE: ${lacking.length}.`);
  lacking.forEach((app) => print(line(app)));
  if (unexpected.length > 0) {
    print(`Sin expediente que las espere (NO se les concede; revíselas en el portal): ${unexpected.length}.`);
    unexpected.forEach((app) => print(line(app)));
  }
  if (orphan.length > 0) {
    print(`Sin entidad de servicio (no se les puede conceder; el funcionario debe volver a generar): ${orphan.length}.`);
    orphan.forEach((app) => print(line(app)));
  }
  if (unmarked.length > 0) print(`Con el permiso pero con el expediente aún «pendiente»: ${unmarked.length} (se marcarán).`);
  if (!options.apply) {
    print('Simulación: no se cambió nada. Para conceder el permiso, repita con --apply.');
    return 0;
  }
  if (lacking.length === 0 && unmarked.length === 0) {
    print('Nada que conceder.');
    return 0;
  }
  if (
    !options.yes &&
    !(await deps.confirm(
      `¿Conceder el permiso de la API de IHCE a ${lacking.length} aplicación(es) de ${label}? Escriba «si» para continuar: `,
    ))
  ) {
    print('Cancelado: no se cambió nada.');
    return 1;
  }

  let failures = 0;
  const mark = async (app: GeneratedApplication) => {
    const nit = pendingFiles.get(app.appId.toLowerCase()) ?? app.nit;
    if (!nit) return print(`  ${app.displayName}: sin NIT en sus etiquetas; el expediente no se marcó.`);
    const outcome = await records.markGranted({ nit, env, clientId: app.appId, by: options.actor });
    if (outcome === 'granted') print(`  ${app.displayName}: expediente de NIT ${nit} marcado «concedido».`);
  };
  const granted: GeneratedApplication[] = [];
  for (const app of lacking) {
    try {
      const result = await admin.grant(app.principalId!);
      print(`  ${app.displayName}: permiso ${result === 'granted' ? 'concedido' : 'ya estaba concedido'}.`);
      granted.push(app);
    } catch (error) {
      failures++;
      print(`  ${app.displayName}: NO se concedió (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  for (const app of [...granted, ...unmarked]) {
    try {
      await mark(app);
    } catch (error) {
      failures++;
      print(`  ${app.displayName}: el expediente no se marcó (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  print(failures === 0 ? 'Listo.' : `Terminó con ${failures} error(es); vuelva a ejecutar para reintentar (no duplica nada).`);
  return failures === 0 ? 0 : 1;
}
