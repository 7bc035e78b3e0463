/**
 * A small, obviously fictitious directory that `npm start` loads into an empty store, so the system can be
 * tried at once. NITs 900000001–900000003 and e-mails under the reserved `.example` domain belong to nobody.
 */
export const demoDirectory = {
  providers: `nit,razon_social,codigo_habilitacion,departamento,municipio,correo
900000001,IPS Demostración Salud Uno S.A.S.,1100100001,Bogotá D.C.,Bogotá D.C.,contacto@ips-demo-uno.example
900000001,IPS Demostración Salud Uno S.A.S.,110010000102,Bogotá D.C.,Bogotá D.C.,sede.norte@ips-demo-uno.example
900000002,"Clínica Ficticia del Valle de Aburrá, Sede Única",0500100002,Antioquia,Medellín,contacto@clinica-ficticia.example
900000003,Hospital Ejemplo San Ningún E.S.E.,7600100003,Valle del Cauca,Cali,contacto@hospital-ejemplo.example
`,
  delegates: `nit,tipo_identificacion,numero_identificacion,nombres,apellidos,correo
900000001,CC,1000000001,Ana María,Pérez Demostración,delegada.uno@ips-demo-uno.example
900000002,CE,AB10002,Jorge Andrés,Gómez Ficticio,delegado@clinica-ficticia.example
900000003,CC,1000000003,Luz Ángela,Núñez Ejemplo,delegada@hospital-ejemplo.example
`,
  officers: `tipo_identificacion,numero_identificacion,nombres,apellidos,correo
CC,2000000001,Carlos Eduardo,Ministerio Demostración,funcionario.uno@minsalud-demo.example
CC,2000000002,Paola Andrea,Funcionaria Ejemplo,funcionaria.dos@minsalud-demo.example
`,
};

export const demoIdentities = [
  { role: 'Delegado Administrativo', idType: 'CC', idNumber: '1000000001', nit: '900000001', entity: 'IPS Demostración Salud Uno S.A.S.' },
  {
    role: 'Delegado Administrativo',
    idType: 'CE',
    idNumber: 'AB10002',
    nit: '900000002',
    entity: 'Clínica Ficticia del Valle de Aburrá, Sede Única',
  },
  { role: 'Delegado Administrativo', idType: 'CC', idNumber: '1000000003', nit: '900000003', entity: 'Hospital Ejemplo San Ningún E.S.E.' },
  { role: 'Otro Usuario (funcionario MSPS)', idType: 'CC', idNumber: '2000000001' },
  { role: 'Otro Usuario (funcionario MSPS)', idType: 'CC', idNumber: '2000000002' },
] as const;
