import { expect, it } from 'vitest';
import { loadConfig } from '../config';
import { clientIp } from './http';

it('believes X-Forwarded-For only as far as the configured proxies reach', () => {
  // No proxy configured: the header is the visitor's to forge and is ignored.
  expect(clientIp('198.51.100.7', '203.0.113.5', 0)).toBe('198.51.100.7');
  // One proxy: the entry it appended (the rightmost) is the visitor; what the visitor sent before it is not.
  expect(clientIp('10.0.0.2', '1.2.3.4, 203.0.113.5', 1)).toBe('203.0.113.5');
  // Two proxies: the second entry from the right.
  expect(clientIp('10.0.0.3', '1.2.3.4, 203.0.113.5, 10.0.0.2', 2)).toBe('203.0.113.5');
  expect(clientIp('10.0.0.2', '2001:db8::1', 1)).toBe('2001:db8::1');
  // Missing or garbled: the socket address.
  expect(clientIp('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
  expect(clientIp('10.0.0.2', 'not-an-address', 1)).toBe('10.0.0.2');
});

it('reads TRUST_PROXY as a small count', () => {
  expect(loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'k'.repeat(40), TRUST_PROXY: '1' }).trustedProxies).toBe(1);
  expect(loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'k'.repeat(40) }).trustedProxies).toBe(0);
  expect(() => loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'k'.repeat(40), TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
});
