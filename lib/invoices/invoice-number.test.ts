import { describe, expect, it } from 'vitest';
import { invoiceNumberParts } from './invoice-number';

describe('invoiceNumberParts', () => {
  const at = new Date('2026-03-05T10:00:00Z');
  it('renders year, month and a padded sequence', () => {
    const p = invoiceNumberParts('INV-{YYYY}-{SEQ:6}', at);
    expect(p.scope).toBe('INV-2026-#');
    expect(p.render(42)).toBe('INV-2026-000042');
    expect(invoiceNumberParts('{YY}{MM}/{SEQ}', at).render(7)).toBe('2603/7');
  });
  it('starts a new series when the date part changes', () => {
    expect(invoiceNumberParts('INV-{YYYY}-{SEQ:4}', new Date('2027-01-01T00:00:00Z')).scope).toBe('INV-2027-#');
    expect(invoiceNumberParts('INV-{SEQ:4}', at).scope).toBe('INV-#');
  });
  it('refuses a format without a sequence', () => {
    expect(() => invoiceNumberParts('INV-{YYYY}', at)).toThrow(/SEQ/);
  });
});
