import { describe, expect, it } from 'vitest';
import { parseOrderFields } from './order-fields';

describe('parseOrderFields', () => {
  it('accepts and normalises valid fields, dropping unknown ones', () => {
    expect(parseOrderFields('vps', { hostname: ' Web1.Example.com ', extra: 'x' })).toEqual({ ok: true, fields: { hostname: 'web1.example.com' } });
    expect(parseOrderFields('cloud_desktop', { anything: 'x' })).toEqual({ ok: true, fields: {} });
  });
  it('reports missing and malformed fields', () => {
    const r = parseOrderFields('web_hosting', { domain: 'not a domain' });
    expect(r.ok).toBe(false);
    expect(parseOrderFields('vps', {})).toMatchObject({ ok: false, errors: { hostname: expect.stringContaining('Hostname') } });
    expect(parseOrderFields('vps', { hostname: 'a'.repeat(300) })).toMatchObject({ ok: false });
  });
});
