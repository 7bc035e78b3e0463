import { describe, expect, it } from 'vitest';
import { createFlowSeal, FLOW_TTL_MS } from '../../src/officer-sso/flow-seal';

const flow = { state: 'estado', nonce: 'nonce', codeVerifier: 'verificador' };
const at = new Date('2026-11-28T15:00:00Z');

describe('the sealed Entra sign-in flow (cookie)', () => {
  it('opens with the same key within 10 minutes, and never after', () => {
    const seal = createFlowSeal('clave-de-pruebas-con-al-menos-32-caracteres');
    const value = seal.seal(flow, at);
    expect(seal.open(value, new Date(at.getTime() + FLOW_TTL_MS - 1000))).toEqual(flow);
    expect(seal.open(value, new Date(at.getTime() + FLOW_TTL_MS + 1))).toBeUndefined();
  });

  it('a value sealed with another key, or altered in one character, does not open; nothing of it is readable', () => {
    const value = createFlowSeal('clave-de-pruebas-con-al-menos-32-caracteres').seal(flow, at);
    expect(createFlowSeal('otra-clave-de-pruebas-con-32-caracteres!!').open(value, at)).toBeUndefined();
    const altered = value.slice(0, 40) + (value[40] === 'A' ? 'B' : 'A') + value.slice(41);
    expect(createFlowSeal('clave-de-pruebas-con-al-menos-32-caracteres').open(altered, at)).toBeUndefined();
    expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain('verificador');
  });
});
