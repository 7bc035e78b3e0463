/**
 * The columns of each directory file, with the other names a file may give them. Aliases are the column names of
 * the REPS «Prestadores» export (reps.minsalud.gov.co «Descargas», the same names as the datos.gov.co dataset
 * «Prestadores de Servicios de Salud», g3r7-iqgd) where they mean the same thing as ours, plus the Spanish label
 * «correo electrónico». Headers are compared after normalizeHeader, so «Razón Social», «RAZON_SOCIAL» and
 * «razón social» are one name.
 */
/** `optional`: a file without the column is read as if every row left it empty. */
export type ColumnSpec = { name: string; aliases: readonly string[]; optional?: true };

const email: ColumnSpec = { name: 'correo', aliases: ['email', 'correo_electronico'] };
const nit: ColumnSpec = { name: 'nit', aliases: ['nits_nit'] };
const person: ColumnSpec[] = [
  { name: 'tipo_identificacion', aliases: [] },
  { name: 'numero_identificacion', aliases: [] },
  { name: 'nombres', aliases: [] },
  { name: 'apellidos', aliases: [] },
  email,
];

export const providerColumns: readonly ColumnSpec[] = [
  nit,
  { name: 'razon_social', aliases: [] },
  { name: 'codigo_habilitacion', aliases: [] },
  { name: 'departamento', aliases: ['depa_nombre'] },
  { name: 'municipio', aliases: ['muni_nombre'] },
  email,
];
/**
 * The delegate's phone, optional: our «telefono» (also «teléfono», which normalizeHeader reads the same), REPS's
 * «telefono» and the names an office gives a mobile column («celular», «móvil», «teléfono celular»).
 */
const phone: ColumnSpec = {
  name: 'telefono',
  aliases: ['celular', 'movil', 'telefono_celular', 'telefono_movil', 'numero_celular'],
  optional: true,
};
export const delegateColumns: readonly ColumnSpec[] = [nit, ...person, phone];
export const officerColumns: readonly ColumnSpec[] = person;

const CONNECTORS = new Set(['de', 'del']);

/** «Número de Identificación » → numero_identificacion: no accents, lower case, words joined by «_», without «de»/«del». */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !CONNECTORS.has(word))
    .join('_');
}
