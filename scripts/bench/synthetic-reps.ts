/**
 * A synthetic REPS-sized directory (deterministic): about 60,000 providers and 80,000 habilitation codes,
 * with realistic Spanish names, accents and ñ included. Nothing here is a real provider.
 */
const kinds = [
  'IPS',
  'Clínica',
  'Hospital',
  'Centro Médico',
  'Laboratorio Clínico',
  'Unidad de Salud',
  'Consultorio Odontológico',
  'Fundación',
  'E.S.E. Hospital',
  'Centro de Diagnóstico',
];
const names = [
  'San José',
  'Santa Bárbara',
  'Nuestra Señora de Fátima',
  'del Valle',
  'Los Andes',
  'La Sabana',
  'Ñandú',
  'San Rafael',
  'Santa María',
  'El Rosario',
  'Sagrado Corazón',
  'La Esperanza',
  'San Vicente de Paúl',
  'Santa Lucía',
  'Los Ángeles',
  'Médica del Caribe',
  'Integral de Salud',
  'Oftalmológica',
  'Pediátrica',
  'Cardiovascular',
  'del Río',
  'Montaña Verde',
  'Guadalupe',
  'Bolívar',
  'Simón Bolívar',
  'Santa Fe',
  'Chiquinquirá',
  'Buen Pastor',
  'La Candelaria',
  'Valle de Tenza',
  'Magdalena',
  'Orinoquía',
  'Amazonía',
  'Pacífico',
  'Sinú',
  'Catatumbo',
  'Guajira',
  'Tayrona',
];
const suffixes = ['S.A.S.', 'Ltda.', 'S.A.', 'E.S.E.', '', 'IPS S.A.S.'];
const places: [string, string, string][] = [
  ['11', 'Bogotá D.C.', 'Bogotá D.C.'],
  ['05', 'Antioquia', 'Medellín'],
  ['76', 'Valle del Cauca', 'Cali'],
  ['08', 'Atlántico', 'Barranquilla'],
  ['13', 'Bolívar', 'Cartagena de Indias'],
  ['68', 'Santander', 'Bucaramanga'],
  ['54', 'Norte de Santander', 'Cúcuta'],
  ['66', 'Risaralda', 'Pereira'],
  ['17', 'Caldas', 'Manizales'],
  ['73', 'Tolima', 'Ibagué'],
  ['47', 'Magdalena', 'Santa Marta'],
  ['50', 'Meta', 'Villavicencio'],
  ['52', 'Nariño', 'Pasto'],
  ['23', 'Córdoba', 'Montería'],
  ['41', 'Huila', 'Neiva'],
  ['63', 'Quindío', 'Armenia'],
  ['19', 'Cauca', 'Popayán'],
  ['15', 'Boyacá', 'Tunja'],
];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export type SyntheticProvider = {
  nit: string;
  name: string;
  sites: { habilitationCode: string; department: string; municipality: string; email: string }[];
};

export function syntheticReps(providerCount = 60_000, codeCount = 80_000, seed = 2026): SyntheticProvider[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const providers: SyntheticProvider[] = [];
  for (let i = 0; i < providerCount; i++) {
    const nit = String(800_000_000 + i * 1_613 + Math.floor(next() * 1_000));
    const name = `${pick(kinds)} ${pick(names)} ${pick(names)} ${pick(suffixes)}`.replace(/\s+/g, ' ').trim();
    providers.push({ nit, name, sites: [] });
  }
  let code = 0;
  for (const provider of providers) addSite(provider);
  while (code < codeCount) addSite(providers[Math.floor(next() * providers.length)]!);
  return providers;

  function addSite(provider: SyntheticProvider) {
    const [dane, department, municipality] = pick(places);
    // Ten digits: «<DANE>001nnnnn» up to 99 999 codes, then «<DANE>9nnnnnnn» (the memory series goes to 320 000).
    const base = code < 100_000 ? `${dane}001${String(code).padStart(5, '0')}` : `${dane}9${String(code).padStart(7, '0')}`;
    const habilitationCode = provider.sites.length === 0 ? base : `${base}${String(provider.sites.length + 1).padStart(2, '0')}`;
    provider.sites.push({ habilitationCode, department, municipality, email: `contacto${code}@reps-sintetico.example` });
    code++;
  }
}

export function providersCsv(providers: SyntheticProvider[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = ['nit,razon_social,codigo_habilitacion,departamento,municipio,correo'];
  for (const provider of providers) {
    for (const site of provider.sites)
      lines.push([provider.nit, quote(provider.name), site.habilitationCode, site.department, site.municipality, site.email].join(','));
  }
  return lines.join('\n');
}
