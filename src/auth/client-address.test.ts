// The client's address behind proxies: X-Forwarded-For is believed only from a proxy the operator named,
// and only as far as the right-most address no trusted proxy wrote.
import { describe, expect, test } from 'vitest';
import { buildApp } from '../server.ts';
import { clientAddressFrom, noTrustedProxies, parseTrustedProxies } from './client-address.ts';

describe('the client address', () => {
  test('without trusted proxies X-Forwarded-For is ignored: the peer is the client', () => {
    expect(clientAddressFrom('203.0.113.5', '10.9.9.9', noTrustedProxies)).toBe('203.0.113.5');
    expect(clientAddressFrom('::ffff:203.0.113.5', undefined, noTrustedProxies)).toBe('203.0.113.5');
    expect(clientAddressFrom(null, '10.9.9.9', noTrustedProxies)).toBeNull();
  });

  test('from a trusted proxy, the right-most address that is not a trusted proxy', () => {
    const trusted = parseTrustedProxies('10.0.0.1, 172.16.0.0/12');
    // The client claims to be 1.2.3.4; the proxy appends the address it saw.
    expect(clientAddressFrom('10.0.0.1', '1.2.3.4, 198.51.100.20', trusted)).toBe('198.51.100.20');
    // Two trusted hops (a load balancer in 172.16/12, then 10.0.0.1).
    expect(clientAddressFrom('10.0.0.1', '1.2.3.4, 198.51.100.20, 172.20.1.1', trusted)).toBe(
      '198.51.100.20',
    );
    // A peer that is not a trusted proxy cannot name another client.
    expect(clientAddressFrom('198.51.100.99', '1.2.3.4', trusted)).toBe('198.51.100.99');
    // Every hop trusted: the left-most is the client. An unreadable hop stops at the last trusted one.
    expect(clientAddressFrom('10.0.0.1', '172.16.0.5', trusted)).toBe('172.16.0.5');
    expect(clientAddressFrom('10.0.0.1', 'garbage, 172.16.0.5', trusted)).toBe('172.16.0.5');
    // Ports and IPv6 brackets, and an IPv4 peer on a dual-stack socket.
    expect(clientAddressFrom('::ffff:10.0.0.1', '198.51.100.20:5000', trusted)).toBe('198.51.100.20');
    expect(clientAddressFrom('fd00::1', '[2001:db8::7]:443', parseTrustedProxies('fd00::/8'))).toBe(
      '2001:db8::7',
    );
  });

  test('a wrong HEADWAY_TRUSTED_PROXIES entry stops the app from starting', () => {
    expect(() => parseTrustedProxies('10.0.0.1, proxy.local')).toThrow('"proxy.local" is not an address');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('10.0.0.0/33');
    expect(() => buildApp({ database: {} as never, trustedProxies: '10.0.0.0/99' })).toThrow(
      'HEADWAY_TRUSTED_PROXIES',
    );
  });
});
