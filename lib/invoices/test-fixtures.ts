import type { FrozenTax } from '@/db/schema/storefront';
import type { InvoiceDocumentExtras } from './billing-document';
import type { InvoiceDetail } from './get-invoice';

// Invoices for the document tests (PDF and web page): a one-line invoice with a coupon, and a renewal itemizing
// its options, sold by a Dutch B.V. to a German GmbH.

export const tax = { ruleId: 1, name: 'VAT', country: 'DE', region: '', rateMilliPercent: 19_000, basis: 'standard' as const };

export function sampleDetail(overrides: Partial<InvoiceDetail['invoice']> = {}): InvoiceDetail {
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
      seller: {
        name: 'Alpha Hosting B.V.',
        company: null,
        email: null,
        addressLines: ['Serverstraat 1', '1011 AB Amsterdam'],
        country: 'NL',
        taxId: 'NL000099998B57',
        registration: { number: 'KvK 12345678', place: 'Kamer van Koophandel Amsterdam' },
      },
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
    minorDigits: 2,
    customer: { publicId: 'cus_1', email: 'ann@example.com', name: 'Ann Buyer' },
  };
}

/** A renewal as the billing pass now writes it: the plan and each option it bills, every line over the period. */
export function renewalDetail(overrides: Partial<InvoiceDetail['invoice']> = {}, lineTax: FrozenTax = tax): InvoiceDetail {
  const base = sampleDetail({ subtotalMinor: 3_100, taxMinor: 589, totalMinor: 3_689, paidMinor: 0, ...overrides });
  const line = (id: number, kind: 'plan' | 'option', description: string, amountMinor: number, taxMinor: number, quantity = 1) => ({
    ...base.lines[0]!,
    id,
    kind,
    description,
    quantity,
    amountMinor,
    taxMinor: lineTax.basis === 'standard' ? taxMinor : 0,
    tax: lineTax,
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    sortOrder: id,
  });
  return {
    ...base,
    lines: [
      line(1, 'plan', 'VPS Standard – svc1.example.com', 1_100, 209),
      line(2, 'option', 'Operating system: Windows Server 2022', 1_400, 266),
      line(3, 'option', 'Extra IPv4 addresses × 2', 600, 114, 2),
    ],
    payments: [],
  };
}

export const extras: InvoiceDocumentExtras = {
  payUrl: 'https://account.alpha.test/invoices/inv_sample1',
  bankInstructions: 'Alpha Hosting B.V.\nIBAN NL91 ABNA 0417 1643 00\nBIC ABNANL2A',
  footer: 'Alpha Hosting B.V. · Directors: A. Alpha, B. Beta\nsupport@alpha.test',
};
