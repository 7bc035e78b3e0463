import { onLinkClick } from '../../../lib/router';
import { FactorResetForm } from './factor-reset-form';
import { RevealBlocks } from './reveal-blocks';

type Action = { href: string; title: string; text: string };

const officerActions: Action[] = [
  { href: '/funcionario/asignar', title: 'Asignar Token', text: 'Entidades que solicitaron o resolicitaron llaves y esperan asignación.' },
  { href: '/funcionario/actualizar', title: 'Actualizar Token', text: 'Entidades que ya tienen llaves y requieren actualizarlas.' },
];

/** The official's home (seed 6.4.2.1): Asignar Token and Actualizar Token; colleagues whose reveals are blocked, if any; «Restablecer segundo factor». */
export function OfficerHome({ me }: { me: string }) {
  return (
    <>
      <h1>Asignación de llaves de acceso</h1>
      <p class="lead">
        Asigne las llaves (ClientID y ClientSecret) generadas en Microsoft Entra ID a los prestadores que las solicitaron, o actualícelas.
      </p>
      <ul class="action-cards">
        {officerActions.map((item) => (
          <li key={item.href}>
            <a class="action-card" href={item.href} onClick={onLinkClick}>
              <span class="action-card__title">{item.title}</span>
              <span class="action-card__text">{item.text}</span>
            </a>
          </li>
        ))}
      </ul>
      <RevealBlocks me={me} />
      <FactorResetForm />
    </>
  );
}
