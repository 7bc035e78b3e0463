import { useEffect, useRef } from 'preact/hooks';
import type { TotpSetup } from '../../../../../src/second-factor/second-factor.schemas';

/** The new authenticator-app key: a QR code to scan and the same key as text, for whoever cannot scan. */
export function TotpSetupPanel({ setup }: { setup: TotpSetup }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Once, when the key appears (not on every keystroke in the code field below, which re-renders the page).
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="totp-setup" aria-labelledby="totp-setup-titulo">
      <h2 id="totp-setup-titulo" tabIndex={-1} ref={heading}>
        Configure la aplicación de autenticación
      </h2>
      <ol>
        <li>Abra en su teléfono una aplicación de autenticación (Microsoft Authenticator, Google Authenticator u otra compatible).</li>
        <li>Agregue una cuenta y escanee este código QR.</li>
        <li>Escriba abajo el código de 6 dígitos que muestra la aplicación.</li>
      </ol>
      <img
        class="totp-setup__qr"
        src={setup.qr}
        width={200}
        height={200}
        alt="Código QR para agregar la cuenta en la aplicación de autenticación"
      />
      <p>
        ¿No puede escanear? Escriba en la aplicación esta clave de configuración (tipo «basada en tiempo»):
        <br />
        <code class="totp-setup__key" aria-label={`Clave de configuración: ${setup.key}`}>
          {setup.key}
        </code>
      </p>
    </section>
  );
}
