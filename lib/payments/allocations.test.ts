import { describe, expect, it } from 'vitest';
import { describeInvoices } from './allocations';

describe('describeInvoices', () => {
  it('lists the invoice numbers for the gateway page', () => {
    expect(describeInvoices(['INV-2026-000001'])).toBe('Invoice INV-2026-000001');
    expect(describeInvoices(['INV-1', 'INV-2'])).toBe('Invoices INV-1 and INV-2');
    expect(describeInvoices(['INV-1', 'INV-2', 'INV-3'])).toBe('Invoices INV-1, INV-2 and INV-3');
  });

  it('shortens a long list to what fits, saying how many more', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`);
    const text = describeInvoices(fifty);
    expect(text.length).toBeLessThanOrEqual(127);
    expect(text).toMatch(/^Invoices INV-2026-000001, INV-2026-000002, .* and \d+ more$/);
    const shown = text.split(', ').length;
    expect(text.endsWith(`and ${50 - shown} more`)).toBe(true);
  });
});
