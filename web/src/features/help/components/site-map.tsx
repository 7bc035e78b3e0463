import { onLinkClick } from '../../../lib/router';

const groups: { title: string; pages: { href: string; label: string }[] }[] = [
  {
    title: 'Para todos',
    pages: [
      { href: '/ingresar', label: 'Ingreso al sistema' },
      { href: '/requisitos', label: 'Requisitos previos' },
      { href: '/registro', label: 'Registro de Usuarios' },
      { href: '/recuperar', label: '¿Olvidó su contraseña?' },
      { href: '/recordar-usuario', label: '¿Olvidó su usuario?' },
      { href: '/ayuda', label: 'Ayuda' },
      { href: '/mapa-del-sitio', label: 'Mapa del sitio' },
    ],
  },
  {
    title: 'Delegado Administrativo (después de ingresar)',
    pages: [
      { href: '/delegado', label: 'Gestión de llaves de acceso (Paso 2 – Visualización de las llaves)' },
      { href: '/delegado/inscripcion', label: 'Inscripción Token' },
      { href: '/delegado/resolicitud', label: 'Resolicitud Token' },
    ],
  },
  {
    title: 'Funcionario del Ministerio (después de ingresar)',
    pages: [
      { href: '/funcionario/asignar', label: 'Asignar Token' },
      { href: '/funcionario/actualizar', label: 'Actualizar Token' },
    ],
  },
];

/** «Mapa del sitio» (GOV.CO footer): every page a person can open, by who may open it. */
export function SiteMapPage() {
  return (
    <>
      <h1>Mapa del sitio</h1>
      {groups.map((group) => (
        <section key={group.title} aria-label={group.title}>
          <h2>{group.title}</h2>
          <ul>
            {group.pages.map((page) => (
              <li key={page.href}>
                <a href={page.href} onClick={onLinkClick}>
                  {page.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
