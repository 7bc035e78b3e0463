import { describe, expect, it } from 'vitest';
import { aadstsMessages, explainFailure, rolesMessage, successMessage } from '../../src/credentials/token-check-messages';

describe('«Probar llaves»: each Entra ID error in plain Spanish', () => {
  it('maps every error the issue names to what is wrong and what to do, for the delegate and the official', () => {
    for (const code of [
      'AADSTS7000215',
      'AADSTS7000222',
      'AADSTS700016',
      'AADSTS90002',
      'AADSTS500011',
      'AADSTS70011',
      'AADSTS7000112',
      'AADSTS50196',
    ])
      expect(aadstsMessages[code], code).toBeDefined();
    for (const [code, entry] of Object.entries(aadstsMessages)) {
      expect(entry.problem, code).toMatch(/^[A-ZÁÉÍÓÚÑ].+\.$/);
      expect(entry.action.delegate, code).not.toBe('');
      expect(entry.action.officer, code).not.toBe('');
    }
  });

  it('a wrong secret: the delegate is told to copy it again or ask the Ministry; the official where to copy the value from', () => {
    const failure = { ok: false as const, kind: 'entra' as const, code: 'AADSTS7000215', httpStatus: 401 };
    expect(explainFailure(failure, 'delegate')).toEqual({
      problem: expect.stringContaining('El ClientSecret no corresponde a la aplicación'),
      action: expect.stringContaining('«Copiar»'),
    });
    expect(explainFailure(failure, 'officer').action).toContain('no su identificador (Secret ID)');
  });

  it('an unknown code, throttling by status alone, no answer and a bad token each get their own explanation', () => {
    expect(explainFailure({ ok: false, kind: 'entra', code: 'AADSTS999999' }, 'officer').problem).toBe(
      'Microsoft Entra ID rechazó la solicitud del token.',
    );
    expect(explainFailure({ ok: false, kind: 'entra', httpStatus: 429, retryAfterSeconds: 61 }, 'delegate').action).toBe(
      'Espere unos minutos y pruebe de nuevo. Espere 2 minuto(s).',
    );
    expect(explainFailure({ ok: false, kind: 'unreachable' }, 'delegate').problem).toContain('No fue posible comunicarse');
    expect(explainFailure({ ok: false, kind: 'bad-token' }, 'delegate').problem).toContain('no pasó la verificación');
  });

  it('success names the lifetime and the scope; roles are listed, or their absence explained', () => {
    expect(successMessage(60, 'api://ihce/.default')).toBe(
      'Las llaves funcionan: el Ministerio emitió un token válido por 60 minutos para api://ihce/.default',
    );
    expect(rolesMessage(['IHCE.Interoperabilidad'])).toBe('El token trae los roles: IHCE.Interoperabilidad.');
    expect(rolesMessage([])).toContain('no trae roles');
  });
});
