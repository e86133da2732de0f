import { describe, expect, it } from 'vitest';
import { tinyPng } from '@/tests/helpers/tiny-png';
import type { InvoiceDetail } from './get-invoice';
import { renderInvoicePdf } from './render-invoice-pdf';

const tax = { ruleId: 1, name: 'VAT', country: 'DE', region: '', rateMilliPercent: 19_000, basis: 'standard' as const };

function sampleDetail(overrides: Partial<InvoiceDetail['invoice']> = {}): InvoiceDetail {
  const at = new Date('2026-03-01T10:00:00Z');
  return {
    invoice: {
      id: 1,
      publicId: 'inv_sample1',
      customerId: 1,
      number: 'INV-2026-0001',
      status: 'unpaid',
      currency: 'EUR',
      taxInclusive: false,
      reverseCharge: false,
      subtotalMinor: 2_500,
      taxMinor: 475,
      totalMinor: 2_975,
      paidMinor: 1_000,
      refundedMinor: 0,
      buyer: { name: 'Ann Buyer', company: 'Buyer GmbH', email: 'ann@example.com', addressLines: ['Hauptstr. 1', '10115 Berlin'], country: 'DE', taxId: 'DE123456789' },
      seller: { name: 'Alpha Hosting', company: null, email: null, addressLines: ['1 Server Lane'], country: 'NL', taxId: 'NL000099998B57' },
      issuedAt: at,
      dueOn: '2026-03-15',
      paidAt: null,
      voidedAt: null,
      disputedAt: null,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    },
    lines: [
      {
        id: 1,
        invoiceId: 1,
        kind: 'plan',
        description: 'VPS Small (monthly)',
        serviceId: 1,
        orderItemId: null,
        couponId: null,
        quantity: 1,
        amountMinor: 3_000,
        taxMinor: 570,
        tax,
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        quantityPrecise: null,
        unitPricePrecise: null,
        sortOrder: 0,
      },
      {
        id: 2,
        invoiceId: 1,
        kind: 'discount',
        description: 'Coupon WELCOME',
        serviceId: null,
        orderItemId: null,
        couponId: 1,
        quantity: 1,
        amountMinor: -500,
        taxMinor: -95,
        tax,
        periodStart: null,
        periodEnd: null,
        quantityPrecise: null,
        unitPricePrecise: null,
        sortOrder: 1,
      },
    ],
    payments: [{ id: 1, invoiceId: 1, method: 'credit', currency: 'EUR', amountMinor: 1_000, reference: null, transactionId: null, createdAt: at }],
    locale: 'de-DE',
    customer: { publicId: 'cus_1', email: 'ann@example.com', name: 'Ann Buyer' },
  };
}

const hasImageXObject = (pdf: Buffer) => /\/Subtype\s*\/Image/.test(pdf.toString('latin1'));

describe('renderInvoicePdf', () => {
  it('renders a PDF document', async () => {
    const pdf = await renderInvoicePdf(sampleDetail(), { name: 'Alpha Hosting', brandColor: '#16a34a' });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(1024);
    expect(hasImageXObject(pdf)).toBe(false);
  });

  it('embeds a PNG logo given as a data URL as an image XObject', async () => {
    const logoUrl = `data:image/png;base64,${tinyPng().toString('base64')}`;
    const pdf = await renderInvoicePdf(sampleDetail(), { name: 'Alpha Hosting', brandColor: '#16a34a', logoUrl });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(hasImageXObject(pdf)).toBe(true);
  });

  it('renders a reverse-charge invoice in a locale with narrow spaces, ignoring a remote logo', async () => {
    const pdf = await renderInvoicePdf(
      { ...sampleDetail({ reverseCharge: true, number: null, status: 'draft' }), locale: 'fr-FR' },
      { name: 'Alpha Hosting', brandColor: 'not-a-colour', logoUrl: 'https://example.com/logo.png' },
    );
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(1024);
    expect(hasImageXObject(pdf)).toBe(false);
  });
});
