import { describe, expect, it } from 'vitest';
import { normalizeHost } from './host-resolver';
import { storefrontDatabaseName } from './storefront-location';

describe('normalizeHost', () => {
  it.each([
    ['Admin.Example.com:3000', 'admin.example.com'],
    ['example.com.', 'example.com'],
    ['localhost', 'localhost'],
    ['[::1]:3000', '[::1]'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeHost(raw)).toBe(expected);
  });

  it.each([null, '', 'bad host', 'a/b', 'x'.repeat(300)])('rejects %s', (raw) => {
    expect(normalizeHost(raw)).toBeNull();
  });
});

describe('storefrontDatabaseName', () => {
  it('derives the name from the central database', () => {
    expect(storefrontDatabaseName('acme-web', 'mysql://root@127.0.0.1:3306/ezscale')).toBe('ezscale_sf_acme_web');
  });

  it('refuses slugs that could inject SQL or escape the naming scheme', () => {
    expect(() => storefrontDatabaseName('a`; DROP', 'mysql://root@h/ezscale')).toThrow(/Invalid storefront slug/);
    expect(() => storefrontDatabaseName('UPPER', 'mysql://root@h/ezscale')).toThrow(/Invalid storefront slug/);
  });
});
