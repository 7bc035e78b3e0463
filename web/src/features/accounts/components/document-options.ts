import { documentTypes } from '../../../../../src/identity/colombian-ids';

/** The «Tipo identificación» choices: code and name, as registration and «¿Olvidó su usuario?» offer them. */
export const documentOptions = documentTypes.map((t) => ({ value: t.code, label: `${t.code} – ${t.label}` }));
