import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../../../lib/format';
import { onLinkClick } from '../../../lib/router';
import type { CertificatesOfProvider } from '../../../../../src/credentials/certificates.schemas';
import { getProvider, type ProviderFile } from '../api/get-provider';
import { getProviderCertificates } from '../api/get-provider-certificates';
import { getProviderAudit, type AuditItem } from '../api/get-provider-audit';
import { AuditTrail } from './audit-trail';
import { EnvironmentProgress } from './environment-progress';
import { KeyForm } from './key-form';
import { ProviderCertificates } from './provider-certificates';
import { NextRequest } from './next-request';
import { RejectForm } from './reject-form';
import { RequestDetails } from './request-details';

/**
 * Ingresar Info / Actualizar Info (seed imagen 18): the request, the keys form for both environments, Rechazar, the trail.
 * «Volver» goes back to the list the official came from (`back`), as the breadcrumb does.
 */
export function ProviderPage({ nit, back }: { nit: string; back: { label: string; href: string } }) {
  const [file, setFile] = useState<ProviderFile | undefined>();
  const [trail, setTrail] = useState<AuditItem[]>([]);
  /** Each environment's credential type and the provider's certificates (the key form and «Certificados del prestador»). */
  const [certificates, setCertificates] = useState<CertificatesOfProvider | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  async function reload(message?: string) {
    try {
      // Without the certificates the form falls back to «either» (the server still refuses a ClientSecret where it must).
      const [loaded, audit, certs] = await Promise.all([
        getProvider(nit),
        getProviderAudit(nit),
        getProviderCertificates(nit).catch(() => undefined),
      ]);
      setFile(loaded);
      setTrail(audit.items);
      setCertificates(certs);
      setSaved(message);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  useEffect(() => void reload(), [nit]);

  if (error)
    return (
      <div class="notice notice--error" role="alert">
        {error}
      </div>
    );
  if (!file) return <p aria-busy="true">Cargando…</p>;
  const hasKeys = Object.keys(file.environments).length > 0;
  return (
    <>
      {/* Opened by «Siguiente solicitud», focus would be left on nothing: it starts at the heading. */}
      <h1
        tabIndex={-1}
        ref={(el) => {
          if (!document.activeElement || document.activeElement === document.body) el?.focus();
        }}
      >
        {file.provider.name}
      </h1>
      <p class="lead">
        NIT {file.provider.nit}-{file.provider.checkDigit} · {file.provider.department} / {file.provider.municipality} · Códigos de
        habilitación: {file.provider.habilitationCodes.join(', ') || '—'}
      </p>
      <div class={`status status--${file.status}`}>
        <span class="status__label">Estado:</span> <strong>{file.statusLabel}</strong>
        {file.pendingSince && <span> · desde el {formatDateTime(file.pendingSince)}</span>}
        {file.rejection && <p class="status__detail">Motivo del rechazo: {file.rejection.reason}</p>}
      </div>
      <EnvironmentProgress progress={file.progress} detailed />
      {saved && (
        <div class="notice notice--success" role="status" tabIndex={-1} ref={(el) => el?.focus()}>
          {saved}
        </div>
      )}
      {saved && back.label === 'Asignar Token' && <NextRequest nit={nit} />}
      {file.request && <RequestDetails request={file.request} />}
      {file.status === 'rejected' && !hasKeys ? (
        <section class="notice rejected-request" aria-labelledby="solicitud-rechazada">
          <h2 id="solicitud-rechazada">Solicitud rechazada: no hay llaves que registrar</h2>
          <p>
            {file.rejection
              ? `Se rechazó el ${formatDateTime(file.rejection.at)} (hora de Colombia). Motivo: ${file.rejection.reason}`
              : 'La solicitud se rechazó.'}
          </p>
          <p>El formulario de llaves volverá a aparecer cuando el prestador envíe una nueva solicitud («Resolicitud Token»).</p>
        </section>
      ) : (
        <KeyForm
          key={file.version}
          file={file}
          certificates={certificates}
          hasKeys={hasKeys}
          onSaved={(message) => reload(message)}
          onConflict={() => reload()}
        />
      )}
      {file.status.startsWith('pending') && <RejectForm nit={nit} version={file.version} onDone={(message) => reload(message)} />}
      <ProviderCertificates nit={nit} certificates={certificates} onChanged={() => reload()} />
      <AuditTrail items={trail} />
      <p>
        <a href={back.href} onClick={onLinkClick}>
          Volver a {back.label}
        </a>
      </p>
    </>
  );
}
