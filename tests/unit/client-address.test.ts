import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/http/request';
import { HttpRequest } from '../../src/platform/functions-runtime';
import { FRONT_DOOR_ID, frontDoorHeaders, recorded } from '../support/front-door-requests';

const request = (headers: Record<string, string>) => new HttpRequest({ method: 'GET', url: 'https://ihce.example/api/captcha', headers });

describe('client address behind Azure Front Door (FRONT_DOOR_ID set)', () => {
  it("trusts X-Azure-SocketIP only on a request carrying our profile's X-Azure-FDID", () => {
    expect(clientAddress(request(recorded.ipv4), FRONT_DOOR_ID)).toEqual({ ip: '203.0.113.7' });
    // The FDID compares without regard to case (Azure shows the GUID in either case).
    expect(clientAddress(request({ ...recorded.ipv4, 'x-azure-fdid': FRONT_DOOR_ID.toUpperCase() }), FRONT_DOOR_ID).ip).toBe('203.0.113.7');
  });

  it('gives no address to a wrong or missing FDID, even with every other Front Door header', () => {
    expect(clientAddress(request(recorded.otherProfile), FRONT_DOOR_ID)).toEqual({ ip: undefined, untrusted: 'fdid-distinto' });
    const { 'x-azure-fdid': _fdid, ...withoutFdid } = recorded.ipv4;
    expect(clientAddress(request(withoutFdid), FRONT_DOOR_ID)).toEqual({ ip: undefined, untrusted: 'fdid-ausente' });
  });

  it('a forged X-Azure-ClientIP / X-Forwarded-For without the FDID gives no address', () => {
    expect(clientAddress(request(recorded.forgedWithoutFdid), FRONT_DOOR_ID)).toEqual({ ip: undefined, untrusted: 'fdid-ausente' });
  });

  it("a client's own X-Forwarded-For (and the X-Azure-ClientIP it produces) does not change the address: the socket counts", () => {
    expect(clientAddress(request(recorded.claimsAnotherAddress), FRONT_DOOR_ID).ip).toBe('203.0.113.7');
  });

  it('reads IPv6 (bare or bracketed, with or without port) and strips an IPv4 port', () => {
    expect(clientAddress(request(recorded.ipv6), FRONT_DOOR_ID).ip).toBe('2001:db8:85a3::8a2e:370:7334');
    const at = (socketIp: string) => clientAddress(request(frontDoorHeaders({ socketIp })), FRONT_DOOR_ID).ip;
    expect(at('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(at('[2001:db8::1]')).toBe('2001:db8::1');
    expect(at('203.0.113.7:52344')).toBe('203.0.113.7');
    expect(at(' 203.0.113.7 ')).toBe('203.0.113.7');
  });

  it('refuses an empty or malformed socket address rather than using it as a key', () => {
    const at = (socketIp: string) => clientAddress(request({ ...recorded.ipv4, 'x-azure-socketip': socketIp }), FRONT_DOOR_ID);
    expect(at('')).toEqual({ ip: undefined, untrusted: 'direccion-ausente' });
    expect(at('203.0.113.7, 198.51.100.1')).toEqual({ ip: undefined, untrusted: 'direccion-invalida' });
    expect(at('no-es-una-ip')).toEqual({ ip: undefined, untrusted: 'direccion-invalida' });
    expect(at('999.1.1.1')).toEqual({ ip: undefined, untrusted: 'direccion-invalida' });
  });
});

describe('client address without FRONT_DOOR_ID (local host and tests only)', () => {
  it('keeps the rightmost X-Forwarded-For entry, without its port', () => {
    expect(clientAddress(request({ 'x-forwarded-for': '10.0.0.1, 198.51.100.7:50123' })).ip).toBe('198.51.100.7');
    expect(clientAddress(request({ 'x-forwarded-for': '[2001:db8::2]:50123' })).ip).toBe('2001:db8::2');
    expect(clientAddress(request({ 'x-forwarded-for': ' , ' }))).toEqual({ ip: undefined, untrusted: 'direccion-ausente' });
    expect(clientAddress(request({}))).toEqual({ ip: undefined, untrusted: 'direccion-ausente' });
  });
});
