import { useState } from 'preact/hooks';
import { onLinkClick } from '../../../lib/router';
import type { RegistrationSummary } from '../../../../../src/accounts/accounts.schemas';
import { RegistrationDone } from './registration-done';
import { RegistrationForm, type UserType } from './registration-form';

/** Registro de Usuarios (seed 6.2): Delegado Administrativo or Otro Usuario (ministry staff). */
export function RegisterPage() {
  const [userType, setUserType] = useState<UserType | undefined>();
  const [summary, setSummary] = useState<{ data: RegistrationSummary; resent: boolean } | undefined>();

  if (summary) return <RegistrationDone summary={summary.data} resent={summary.resent} />;
  return (
    <>
      <h1>Registro de Usuarios</h1>
      <p class="lead">
        Sistema <strong>IHCE – Administración de Llaves de acceso</strong>. Seleccione el tipo de usuario con el que se va a registrar.
      </p>
      <p>
        Antes de registrarse como Delegado Administrativo, verifique que cumple los{' '}
        <a href="/requisitos" onClick={onLinkClick}>
          requisitos previos
        </a>
        : su entidad y usted deben estar registrados en www.miseguridadsocial.gov.co.
      </p>
      <fieldset class="user-types">
        <legend>Tipo de usuario</legend>
        <label class={`user-type${userType === 'delegate' ? ' user-type--selected' : ''}`}>
          <input
            type="radio"
            name="tipo-usuario"
            value="delegate"
            checked={userType === 'delegate'}
            onChange={() => setUserType('delegate')}
          />
          <span>
            <strong>Delegado Administrativo</strong>
            <span class="user-type__text">Representa a un Prestador de Servicios de Salud y solicita sus llaves de acceso.</span>
          </span>
        </label>
        <label class={`user-type${userType === 'officer' ? ' user-type--selected' : ''}`}>
          <input
            type="radio"
            name="tipo-usuario"
            value="officer"
            checked={userType === 'officer'}
            onChange={() => setUserType('officer')}
          />
          <span>
            <strong>Otro Usuario</strong>
            <span class="user-type__text">
              Funcionario del Ministerio de Salud y Protección Social que asigna las llaves (rol IHCE MSPS).
            </span>
          </span>
        </label>
      </fieldset>
      {userType && <RegistrationForm key={userType} userType={userType} onDone={(data, resent) => setSummary({ data, resent })} />}
    </>
  );
}
