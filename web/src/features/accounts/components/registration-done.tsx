import type { RegistrationSummary } from '../../../../../src/accounts/accounts.schemas';
import { onLinkClick } from '../../../lib/router';

export function RegistrationDone({ summary, resent }: { summary: RegistrationSummary; resent: boolean }) {
  return (
    <section aria-labelledby="resumen-titulo">
      <h1 id="resumen-titulo" tabIndex={-1} ref={(el) => el?.focus()}>
        Resumen del registro
      </h1>
      <div class="notice notice--success" role="status">
        {resent
          ? 'Su registro ya existía y estaba pendiente de activación: le enviamos un enlace de activación nuevo.'
          : 'El registro se realizó de manera correcta.'}
      </div>
      <dl class="summary">
        <div>
          <dt>Usuario asignado</dt>
          <dd class="summary__username">{summary.username}</dd>
        </div>
        <div>
          <dt>Rol</dt>
          <dd>{summary.roleLabel}</dd>
        </div>
        {summary.entity && (
          <div>
            <dt>Entidad</dt>
            <dd>
              {summary.entity.name} (NIT {summary.entity.nit})
            </dd>
          </div>
        )}
        <div>
          <dt>Correo registrado</dt>
          <dd>{summary.maskedEmail}</dd>
        </div>
      </dl>
      <p>
        <strong>Anote y conserve el usuario asignado por el sistema</strong>: lo necesitará para ingresar en futuras ocasiones.
      </p>
      <p>
        Enviamos a {summary.maskedEmail} un enlace para activar la cuenta y definir su contraseña. El enlace vale por 24 horas y sirve una
        sola vez. Si no lo ve, revise la carpeta de correo no deseado.
      </p>
      <p>
        <a href="/ingresar" onClick={onLinkClick}>
          Ir a Ingreso al sistema
        </a>
      </p>
    </section>
  );
}
