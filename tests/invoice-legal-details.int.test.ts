import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditLog, coupons, invoiceLines, invoices, orderItems, serviceBillingPeriods, services, storefrontSettings, type OrderItemSelection } from '@/db/schema/storefront';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { getInvoiceDetail } from '@/lib/invoices/get-invoice';
import { getInvoiceDocumentExtras } from '@/lib/invoices/invoice-document-extras';
import { recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { renderInvoicePdf } from '@/lib/invoices/render-invoice-pdf';
import { placeOrder } from '@/lib/orders/place-order';
import { updateCommerceSettings } from '@/lib/settings/admin/update-commerce-settings';
import { getCommerceSettings, type CommerceSettings } from '@/lib/settings/commerce-settings';
import { savePaymentSettings } from '@/lib/settings/payment-settings';
import { getMissingSellerDetails } from '@/lib/settings/seller-details';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop, type Shop } from './factories/shop';
import { pdfText } from './helpers/pdf-text';

let shop: Shop;
let db: StorefrontDb;
const system = { type: 'system' as const, label: 'test' };

const SELLER: Partial<CommerceSettings> = {
  sellerName: 'Shop Hosting GmbH',
  sellerCountry: 'DE',
  sellerAddressLines: ['Serverstraße 1', '10115 Berlin'],
  sellerTaxId: 'DE123456789',
  sellerRegistrationNumber: 'HRB 123456 B',
  sellerRegistrationPlace: 'Amtsgericht Berlin-Charlottenburg',
  invoiceFooter: 'Shop Hosting GmbH · Managing director: Max Muster',
  invoiceNumberFormat: 'INV-{YYYY}-{SEQ:6}',
};

beforeAll(async () => {
  shop = await setupShop({ commerce: SELLER });
  db = shop.db;
  await savePaymentSettings(db, { bankTransfer: { enabled: true, instructions: 'Shop Hosting GmbH\nIBAN DE89 3704 0044 0532 0130 00' } });
});
afterAll(async () => {
  await shop?.t.cleanup();
});

interface Buyer {
  email: string;
  name: string;
  country: string;
  company?: string;
  taxId?: string;
}

/**
 * A customer with an address orders a monthly VPS Standard with Windows (14.00 EUR) and two extra IPv4 addresses
 * (3.00 EUR each) on top of the plan (11.00 EUR), pays by bank, and the billing pass renews it on its due date.
 */
async function renewedVps(buyer: Buyer, opts: { couponCodes?: string[]; beforeRenewal?: (serviceId: number) => Promise<void> } = {}) {
  const c = await createCustomer(db, {
    input: { ...buyer, password: 'Correct-Horse-42', currency: 'EUR', addressLine1: 'Hauptstraße 5', postalCode: '80331', city: 'München' },
    actor: system,
  });
  const plan = await planOrThrow(db, 'vps-standard');
  const { os, ipv4 } = vpsOptions(plan);
  const windows = os.values.find((v) => v.code === 'windows-2022')!;
  const at = new Date('2027-03-01T09:00:00Z');
  const placed = await placeOrder(db, {
    storefrontId: shop.storefrontId,
    customerId: c.id,
    cart: {
      currency: 'EUR',
      country: null,
      items: [
        {
          id: 'a',
          item: {
            planSlug: 'vps-standard',
            cycle: 'monthly',
            locationId: plan.locations[0]!.id,
            options: [
              { optionId: os.id, valueId: windows.id, quantity: 1 },
              { optionId: ipv4.id, valueId: null, quantity: 2 },
            ],
            fields: { hostname: `${buyer.email.split('@')[0]}.example.com` },
          },
        },
      ],
      couponCodes: opts.couponCodes ?? [],
    },
    ip: null,
    actor: system,
    now: at,
  });
  const [order] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
  await db.transaction((tx) => recordInvoicePayment(tx, { invoiceId: order!.id, method: 'bank_transfer', currency: 'EUR', amountMinor: order!.totalMinor, reference: 'order', actor: system, now: at }));
  const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
  await opts.beforeRenewal?.(svc!.id);
  await runBillingPass(db, { storefrontId: shop.storefrontId, at: new Date(`${svc!.nextDueOn}T06:00:00Z`) });
  const [period] = await db.select().from(serviceBillingPeriods).where(and(eq(serviceBillingPeriods.serviceId, svc!.id), eq(serviceBillingPeriods.periodStart, svc!.nextDueOn!)));
  const [renewal] = await db.select().from(invoices).where(eq(invoices.id, period!.invoiceId));
  const lines = async (invoiceId: number) =>
    (await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.sortOrder))).map((l) => ({
      kind: l.kind,
      description: l.description,
      amountMinor: l.amountMinor,
      taxMinor: l.taxMinor,
      period: l.periodStart ? `${l.periodStart}..${l.periodEnd}` : null,
    }));
  return { service: svc!, order: order!, renewal: renewal!, orderLines: await lines(order!.id), renewalLines: await lines(renewal!.id) };
}

async function renewalPdfText(publicId: string): Promise<string> {
  const detail = (await getInvoiceDetail(db, { publicId }))!;
  const pdf = await renderInvoicePdf(detail, { name: 'Shop' }, await getInvoiceDocumentExtras(db, shop.storefrontId, detail.invoice));
  return (await pdfText(pdf)).replace(/\s+/g, ' ');
}

describe('renewal invoices itemize the options the service bills', () => {
  it('lists the plan and each option as the order invoice did, adding up to the locked price, with discounts as before', async () => {
    await db.insert(coupons).values({ code: 'LIFE10', type: 'percent', percentBp: 1000, duration: 'lifetime', stackable: true, planIds: [], groupIds: [], cycles: [], countries: [] });
    const { service, orderLines, renewal, renewalLines } = await renewedVps({ email: 'greta@example.com', name: 'Greta Gruber', country: 'DE' }, { couponCodes: ['LIFE10'] });
    // 11.00 + 14.00 + 2 × 3.00 = 31.00 EUR a month, locked on the service.
    expect(service.recurringMinor).toBe(3_100);
    const period = `${service.nextDueOn}..2027-04-30`;
    // DE VAT 19 % per line: 1100 → 209, 1400 → 266, 600 → 114. The lifetime 10 % coupon takes 310 off the sum as it
    // did off the one line before: −310 × 0.19 = −58.9 → −59.
    expect(renewalLines).toEqual([
      { kind: 'plan', description: 'VPS Standard – greta.example.com', amountMinor: 1_100, taxMinor: 209, period },
      { kind: 'option', description: 'Operating system: Windows Server 2022', amountMinor: 1_400, taxMinor: 266, period },
      { kind: 'option', description: 'Extra IPv4 addresses × 2', amountMinor: 600, taxMinor: 114, period },
      { kind: 'discount', description: 'Coupon LIFE10', amountMinor: -310, taxMinor: -59, period },
    ]);
    // The order invoice itemized the same options with the same amounts.
    expect(orderLines.filter((l) => l.kind === 'plan' || l.kind === 'option').map((l) => [l.description, l.amountMinor])).toEqual(renewalLines.slice(0, 3).map((l) => [l.description, l.amountMinor]));
    expect(renewal).toMatchObject({ subtotalMinor: 2_790, taxMinor: 530, totalMinor: 3_320, reverseCharge: false });
  });

  it('freezes the seller and the buyer with addresses, VAT numbers and registration, and prints it all on the PDF', async () => {
    const { renewal } = await renewedVps({ email: 'hans@example.com', name: 'Hans Huber', country: 'DE' });
    expect(renewal.seller).toEqual({
      name: 'Shop Hosting GmbH',
      company: null,
      email: null,
      addressLines: ['Serverstraße 1', '10115 Berlin'],
      country: 'DE',
      taxId: 'DE123456789',
      registration: { number: 'HRB 123456 B', place: 'Amtsgericht Berlin-Charlottenburg' },
    });
    expect(renewal.buyer).toMatchObject({ name: 'Hans Huber', addressLines: ['Hauptstraße 5', '80331 München'], country: 'DE' });

    const text = await renewalPdfText(renewal.publicId);
    const day = (d: string) => d.split('-').reverse().join('.');
    for (const expected of [
      `Invoice ${renewal.number}`,
      `Issue date ${day(renewal.issuedAt!.toISOString().slice(0, 10))}`,
      'Shop Hosting GmbH Serverstraße 1 10115 Berlin Germany VAT ID DE123456789 Registration HRB 123456 B, Amtsgericht Berlin-Charlottenburg',
      'Hans Huber Hauptstraße 5 80331 München Germany',
      'VPS Standard – hans.example.com',
      'Operating system: Windows Server 2022',
      'Extra IPv4 addresses × 2 2 × 3,00 €',
      'VAT 19 % 31,00 € 5,89 €',
      'Total 36,89 €',
      `account.shop.test`,
      `/invoices/${renewal.publicId}`,
      `IBAN DE89 3704 0044 0532 0130 00 Reference: ${renewal.number}`,
      'Shop Hosting GmbH · Managing director: Max Muster',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('charges no VAT to a business elsewhere in the EU, printing both VAT numbers and the reverse-charge sentence', async () => {
    const { renewal, renewalLines } = await renewedVps({ email: 'bv@example.com', name: 'Bea Vos', country: 'NL', company: 'Vos Hosting B.V.', taxId: 'NL000099998B57' });
    expect(renewal).toMatchObject({ reverseCharge: true, taxMinor: 0, totalMinor: 3_100 });
    expect(renewalLines.map((l) => [l.kind, l.amountMinor, l.taxMinor])).toEqual([
      ['plan', 1_100, 0],
      ['option', 1_400, 0],
      ['option', 600, 0],
    ]);
    const text = await renewalPdfText(renewal.publicId);
    expect(text).toContain('VAT ID DE123456789');
    expect(text).toContain('Vos Hosting B.V. Bea Vos');
    expect(text).toContain('VAT ID NL000099998B57');
    expect(text).toContain('VAT reverse charge 0 % 31,00 € 0,00 €');
    expect(text).toContain('Reverse charge: VAT to be accounted for by the recipient under Article 196 of Council Directive 2006/112/EC.');
  });

  it('itemizes selections frozen before options carried their price from the catalog', async () => {
    const { renewalLines } = await renewedVps(
      { email: 'old@example.com', name: 'Olaf Old', country: 'DE' },
      {
        beforeRenewal: async (serviceId) => {
          const [svc] = await db.select({ orderItemId: services.orderItemId }).from(services).where(eq(services.id, serviceId));
          const [item] = await db.select({ selection: orderItems.selection }).from(orderItems).where(eq(orderItems.id, svc!.orderItemId!));
          const legacy: OrderItemSelection = { ...item!.selection, options: item!.selection.options.map(({ description: _d, amountMinor: _a, ...o }) => o) };
          await db.update(orderItems).set({ selection: legacy }).where(eq(orderItems.id, svc!.orderItemId!));
        },
      },
    );
    expect(renewalLines.map((l) => [l.description, l.amountMinor])).toEqual([
      ['VPS Standard – old.example.com', 1_100],
      ['Operating system: Windows Server 2022', 1_400],
      ['Extra IPv4 addresses × 2', 600],
    ]);
  });
});

describe('seller details staff must complete', () => {
  it('names what is missing until the commerce form is saved with it, storing the confirmed name and country', async () => {
    expect(await getMissingSellerDetails(db)).toEqual([]);
    await db.delete(storefrontSettings).where(inArray(storefrontSettings.key, ['commerce.sellerName', 'commerce.sellerCountry', 'commerce.sellerAddressLines', 'commerce.sellerTaxId']));
    // The defaults: no name (never the platform's), the US, no address.
    expect(await getMissingSellerDetails(db)).toEqual(['legal name', 'address', 'country']);

    const current = await getCommerceSettings(db);
    const form = {
      taxInclusive: current.taxInclusive,
      viesEnabled: current.viesEnabled,
      sellerName: 'Shop Hosting GmbH',
      sellerCountry: 'DE',
      sellerRegion: '',
      sellerAddressLines: 'Serverstraße 1\n10115 Berlin',
      sellerTaxId: '',
      sellerRegistrationNumber: 'HRB 123456 B',
      sellerRegistrationPlace: 'Amtsgericht Berlin-Charlottenburg',
      invoiceFooter: current.invoiceFooter,
      invoiceNumberFormat: current.invoiceNumberFormat,
      orderInvoiceDueDays: String(current.orderInvoiceDueDays),
      loyaltyTiers: current.loyaltyTiers.map((t) => ({ months: String(t.months), percent: String(t.percentBp / 100) })),
    };
    const res = await updateCommerceSettings(db, { input: form, actor: system });
    expect(res.changed.sort()).toEqual(['sellerAddressLines', 'sellerCountry', 'sellerName']);
    expect(await getMissingSellerDetails(db)).toEqual(['VAT number']);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'settings.commerce.updated'));
    expect(current.sellerName).toBe('');
    expect(audit!.after).toMatchObject({ sellerName: 'Shop Hosting GmbH', sellerCountry: 'DE' });

    await updateCommerceSettings(db, { input: { ...form, sellerTaxId: 'DE123456789' }, actor: system });
    expect(await getMissingSellerDetails(db)).toEqual([]);
    expect((await updateCommerceSettings(db, { input: { ...form, sellerTaxId: 'DE123456789' }, actor: system })).changed).toEqual([]);
  });
});
