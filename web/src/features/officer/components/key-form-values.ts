import { environmentLabels, type EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { ProviderFile } from '../api/get-provider';
import type { AssignCredentialsBody } from '../api/put-provider-credentials';

export const environments = (['preproduction', 'production'] as const).map((name) => ({ name, label: environmentLabels[name] }));
export const fields = ['clientId', 'clientSecret', 'expiresOn', 'tenantId', 'scope', 'endpoint', 'subscriptionKey'] as const;
export type Field = (typeof fields)[number];
export type Values = Record<`${EnvironmentName}.${Field}`, string>;
export type Mode = 'manual' | 'entra';
/** «Revocar de inmediato»: the replaced secret leaked, so it must not keep working through the overlap. */
export type Revoke = Record<EnvironmentName, boolean>;

/** The form's field ids in page order, so the error summary lists them as they appear. */
export const fieldOrder = environments.flatMap(({ name }) => [
  `${name}.mode`,
  ...fields.map((field) => `${name}.${field}`),
  `${name}.revokePrevious`,
  `${name}.verification`,
]);

export function initialValues(file: ProviderFile): Values {
  const values = {} as Values;
  for (const { name } of environments) {
    const current = file.environments[name];
    const defaults = file.defaults[name];
    values[`${name}.clientId`] = current?.clientId ?? '';
    values[`${name}.clientSecret`] = '';
    values[`${name}.expiresOn`] = current?.expiresOn ?? '';
    values[`${name}.tenantId`] = current?.tenantId ?? defaults.tenantId ?? '';
    values[`${name}.scope`] = current?.scope ?? defaults.scope ?? '';
    values[`${name}.endpoint`] = current?.endpoint ?? defaults.endpoint ?? '';
    values[`${name}.subscriptionKey`] = '';
  }
  return values;
}

/**
 * The PUT body. In «Generar en Entra ID» mode ClientID, ClientSecret and tenant come from Entra ID, so they are
 * not sent; an empty ClientSecret or subscription key means «keep the current one», so it is left out.
 */
export function toBody(values: Values, modes: Record<EnvironmentName, Mode>, revoke: Revoke): AssignCredentialsBody {
  const environment = (name: EnvironmentName) => {
    const value = (field: Field) => values[`${name}.${field}`].trim();
    const entra = modes[name] === 'entra';
    return {
      ...(entra && { mode: 'entra' as const }),
      ...(!entra && { clientId: value('clientId') }),
      ...(!entra && value('clientSecret') !== '' && { clientSecret: value('clientSecret') }),
      expiresOn: value('expiresOn'),
      ...(!entra && { tenantId: value('tenantId') }),
      scope: value('scope'),
      endpoint: value('endpoint'),
      ...(value('subscriptionKey') !== '' && { subscriptionKey: value('subscriptionKey') }),
      ...(revoke[name] && { revokePrevious: true }),
    };
  };
  return { preproduction: environment('preproduction'), production: environment('production') };
}
