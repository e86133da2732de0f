import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import type { CreditNoteDetail } from './get-credit-note';
import { renderCreditNotePdf } from './render-credit-note-pdf';

const vat = { ruleId: 1, name: 'VAT', country: 'DE', region: '', rateMilliPercent: 19_000, basis: 'standard' as const };
const zero = { ruleId: null, name: 'Not taxable', country: 'DE', region: '', rateMilliPercent: 0, basis: 'none' as const };
const reverse = { ruleId: 2, name: 'VAT reverse charge', country: 'FR', region: '', rateMilliPercent: 0, basis: 'reverse_charge' as const };

function sample(overrides: Partial<CreditNoteDetail['creditNote']> = {}, lines?: CreditNoteDetail['lines']): CreditNoteDetail {
  const at = new Date('2026-04-02T09:00:00Z');
  return {
    creditNote: {
      id: 1,
      publicId: 'cn_sample1',
      number: 'CN-2026-000007',
      invoiceId: 1,
      customerId: 1,
      currency: 'EUR',
      taxInclusive: false,
      reverseCharge: false,
      subtotalMinor: 750,
      taxMinor: 95,
      totalMinor: 845,
      reason: 'Service cancelled early',
      source: 'gateway_refund',
      transactionId: 9,
      creditLedgerId: null,
      buyer: { name: 'Ann Buyer', company: 'Buyer GmbH', email: 'ann@example.com', addressLines: ['Hauptstr. 1', '10115 Berlin'], country: 'DE', taxId: 'DE123456789' },
      seller: { name: 'Alpha Hosting', company: null, email: null, addressLines: ['1 Server Lane'], country: 'NL', taxId: 'NL000099998B57' },
      issuedAt: at,
      createdAt: at,
      ...overrides,
    },
    lines: lines ?? [
      { id: 1, creditNoteId: 1, invoiceLineId: 1, description: 'VPS Small (monthly)', periodStart: '2026-03-01', periodEnd: '2026-03-31', amountMinor: 500, taxMinor: 95, tax: vat, sortOrder: 0 },
      { id: 2, creditNoteId: 1, invoiceLineId: 2, description: 'Setup', periodStart: null, periodEnd: null, amountMinor: 250, taxMinor: 0, tax: zero, sortOrder: 1 },
    ],
    invoice: { publicId: 'inv_sample1', number: 'INV-2026-000042', issuedAt: new Date('2026-03-01T10:00:00Z') },
    locale: 'en-IE',
    minorDigits: 2,
    customer: { publicId: 'cus_1', email: 'ann@example.com', name: 'Ann Buyer' },
  };
}

async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('renderCreditNotePdf', () => {
  it('says what it credits: title, number, the invoice, dates, lines with periods, tax per rate and totals', async () => {
    const text = await textOf(await renderCreditNotePdf(sample(), { name: 'Alpha Hosting', brandColor: '#16a34a' }));
    expect(text).toContain('Credit note CN-2026-000007');
    expect(text).toContain('Credit note for invoice INV-2026-000042');
    expect(text).toContain('Issue date 2 Apr 2026');
    expect(text).toContain('Credits invoice INV-2026-000042');
    expect(text).toContain('Invoice issued 1 Mar 2026');
    expect(text).toContain('VPS Small (monthly)');
    expect(text).toContain('1 Mar 2026 – 31 Mar 2026');
    expect(text).toMatch(/VAT 19 %\s*€5\.00\s*€0\.95/);
    expect(text).toMatch(/VAT 19 %\s*€0\.95/);
    expect(text).toMatch(/Subtotal\s*€7\.50/);
    expect(text).toMatch(/Total credited\s*€8\.45/);
    expect(text).toContain('Refunded to the original payment method. Reason: Service cancelled early');
    expect(text).toContain('Buyer GmbH');
    expect(text).toContain('VAT ID NL000099998B57');
    expect(text).not.toContain('Reverse charge');
  });

  it('a reverse-charge note carries the reverse-charge sentence and no tax total', async () => {
    const note = sample({ reverseCharge: true, subtotalMinor: 400, taxMinor: 0, totalMinor: 400, source: 'credit_refund', transactionId: null, creditLedgerId: 3 }, [
      { id: 1, creditNoteId: 1, invoiceLineId: 1, description: 'Dedicated server', periodStart: null, periodEnd: null, amountMinor: 400, taxMinor: 0, tax: reverse, sortOrder: 0 },
    ]);
    const text = await textOf(await renderCreditNotePdf(note, { name: 'Alpha Hosting' }));
    expect(text).toContain('Reverse charge: VAT to be accounted for by the recipient');
    expect(text).toContain('Refunded as account credit.');
    expect(text).toMatch(/Dedicated server\s*RC\s*€4\.00/);
    expect(text).not.toMatch(/VAT 0 %/);
  });
});
