import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, emailOutbox, invoiceLines, invoices } from '@/db/schema/storefront';
import { addCurrency } from '@/lib/catalog/admin/manage-currencies';
import { createAddFundsInvoice } from '@/lib/credit/add-funds';
import { createCustomer } from '@/lib/customers/create-customer';
import { getInvoiceDetail, listInvoices } from '@/lib/invoices/get-invoice';
import { createDraftInvoice, deleteDraftInvoice, issueDraftInvoice, resendInvoiceEmail, saveDraftLines } from '@/lib/invoices/manual-invoice';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { setupShop, type Shop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
const now = new Date('2026-03-10T10:00:00Z');
let n = 0;

async function customer() {
  n += 1;
  return (await createCustomer(shop.db, { input: { email: `m${n}@example.com`, name: `M ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system })).id;
}

async function invoiceRow(publicId: string) {
  const [row] = await shop.db.select().from(invoices).where(eq(invoices.publicId, publicId));
  return row!;
}

const seq = (number: string | null) => Number(number!.split('-').pop());

beforeAll(async () => {
  shop = await setupShop();
});
afterAll(async () => {
  await shop.t.cleanup();
});

describe('manual invoices', () => {
  it('creates a draft without number, prices its lines for the customer and refuses bad input without writing', async () => {
    const c = await customer();
    await expectAppError(createDraftInvoice(shop.db, { customerId: c, currency: 'XYZ', actor: system }), 'bad_request');
    const { invoicePublicId } = await createDraftInvoice(shop.db, { customerId: c, currency: 'EUR', actor: system });
    expect(await invoiceRow(invoicePublicId)).toMatchObject({ status: 'draft', number: null, issuedAt: null, totalMinor: 0, buyer: { name: `M ${n}`, country: 'DE' }, seller: { name: 'Shop GmbH' } });

    const totals = await saveDraftLines(shop.db, {
      invoicePublicId,
      lines: [
        { description: 'Consulting', quantity: 3, unitAmount: '33.33', taxable: true },
        { description: 'Setup (no tax)', quantity: 1, unitAmount: '10.00', taxable: false },
      ],
      actor: system,
      now,
    });
    // 3 × 33.33 = 99.99 net; 19 % of it is 18.9981 → 19.00, rounded once per line.
    expect(totals).toEqual({ subtotalMinor: 10_999, taxMinor: 1_900, totalMinor: 12_899 });
    const lines = await shop.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, (await invoiceRow(invoicePublicId)).id)).orderBy(asc(invoiceLines.sortOrder));
    expect(lines.map((l) => [l.kind, l.quantity, l.amountMinor, l.taxMinor, l.tax.basis, l.tax.rateMilliPercent])).toEqual([
      ['adjustment', 3, 9_999, 1_900, 'standard', 19_000],
      ['adjustment', 1, 1_000, 0, 'none', 0],
    ]);

    const bad = await saveDraftLines(shop.db, {
      invoicePublicId,
      lines: [
        { description: 'Fine', quantity: 1, unitAmount: '1.00', taxable: true },
        { description: 'Broken', quantity: 1, unitAmount: '1.234', taxable: true },
      ],
      actor: system,
    }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'bad_request', fieldErrors: { line_2_unitAmount: [expect.any(String)] } });
    await expectAppError(saveDraftLines(shop.db, { invoicePublicId, lines: [{ description: '', quantity: 0, unitAmount: '1', taxable: true }], actor: system }), 'bad_request');
    await expectAppError(saveDraftLines(shop.db, { invoicePublicId, lines: [], actor: system }), 'bad_request');
    expect(await invoiceRow(invoicePublicId)).toMatchObject({ totalMinor: 12_899 });
    const audits = await shop.db.select().from(auditLog).where(and(eq(auditLog.targetId, invoicePublicId), eq(auditLog.action, 'invoice.draft_updated')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toMatchObject({ totalMinor: 0 });
    expect(audits[0]!.after).toMatchObject({ totalMinor: 12_899 });
  });

  it('prices gross amounts on a tax-inclusive storefront', async () => {
    const c = await customer();
    await saveCommerceSettings(shop.db, { taxInclusive: true });
    try {
      const { invoicePublicId } = await createDraftInvoice(shop.db, { customerId: c, currency: 'EUR', actor: system });
      const totals = await saveDraftLines(shop.db, {
        invoicePublicId,
        lines: [
          { description: 'Gross item', quantity: 2, unitAmount: '9.99', taxable: true },
          { description: 'Untaxed', quantity: '1', unitAmount: '5', taxable: false },
        ],
        actor: system,
        now,
      });
      // 19.98 gross holds 19.98 × 19 / 119 = 3.19008… → 3.19 tax, 16.79 net.
      expect(totals).toEqual({ subtotalMinor: 1_679 + 500, taxMinor: 319, totalMinor: 2_498 });
      expect(await invoiceRow(invoicePublicId)).toMatchObject({ taxInclusive: true, totalMinor: 2_498 });
    } finally {
      await saveCommerceSettings(shop.db, { taxInclusive: false });
    }
  });

  it('issues gap-free numbers; a deleted draft leaves no gap; issued invoices cannot be edited; customers never see drafts', async () => {
    const c = await customer();
    const a = await createDraftInvoice(shop.db, { customerId: c, currency: 'EUR', actor: system });
    await expectAppError(issueDraftInvoice(shop.db, { invoicePublicId: a.invoicePublicId, dueInDays: 14, storefrontId: shop.storefrontId, actor: system, now }), 'bad_request', /nothing to invoice/i);
    await saveDraftLines(shop.db, { invoicePublicId: a.invoicePublicId, lines: [{ description: 'Free', quantity: 1, unitAmount: '0', taxable: true }], actor: system, now });
    await expectAppError(issueDraftInvoice(shop.db, { invoicePublicId: a.invoicePublicId, dueInDays: 14, storefrontId: shop.storefrontId, actor: system, now }), 'bad_request', /nothing to invoice/i);
    await expectAppError(issueDraftInvoice(shop.db, { invoicePublicId: a.invoicePublicId, dueInDays: 91, storefrontId: shop.storefrontId, actor: system, now }), 'bad_request');
    await saveDraftLines(shop.db, { invoicePublicId: a.invoicePublicId, lines: [{ description: 'Work', quantity: 1, unitAmount: '100', taxable: true }], actor: system, now });

    const hidden = await createDraftInvoice(shop.db, { customerId: c, currency: 'EUR', actor: system });
    expect((await listInvoices(shop.db, { customerId: c, excludeDrafts: true })).map((r) => r.publicId)).toEqual([]);
    expect(await getInvoiceDetail(shop.db, { publicId: hidden.invoicePublicId, customerId: c, excludeDrafts: true })).toBeNull();
    expect(await getInvoiceDetail(shop.db, { publicId: hidden.invoicePublicId, customerId: c })).not.toBeNull();
    expect(await listInvoices(shop.db, { customerId: c })).toHaveLength(2);

    const first = await issueDraftInvoice(shop.db, { invoicePublicId: a.invoicePublicId, dueInDays: 14, storefrontId: shop.storefrontId, actor: system, now });
    expect(await invoiceRow(a.invoicePublicId)).toMatchObject({ status: 'unpaid', number: first.number, issuedAt: now, dueOn: '2026-03-24', totalMinor: 11_900 });
    const other = await createAddFundsInvoice(shop.db, { customerId: c, currency: 'EUR', amountMinor: 2_500, actor: system, now });
    expect(seq((await invoiceRow(other.invoicePublicId)).number)).toBe(seq(first.number) + 1);

    await deleteDraftInvoice(shop.db, { invoicePublicId: hidden.invoicePublicId, actor: system });
    expect(await shop.db.select().from(invoices).where(eq(invoices.publicId, hidden.invoicePublicId))).toEqual([]);
    const d = await createDraftInvoice(shop.db, { customerId: c, currency: 'EUR', actor: system });
    await saveDraftLines(shop.db, { invoicePublicId: d.invoicePublicId, lines: [{ description: 'More work', quantity: 2, unitAmount: '5.50', taxable: false }], actor: system, now });
    const next = await issueDraftInvoice(shop.db, { invoicePublicId: d.invoicePublicId, dueInDays: '0', storefrontId: shop.storefrontId, actor: system, now });
    expect(seq(next.number)).toBe(seq(first.number) + 2);

    await expectAppError(saveDraftLines(shop.db, { invoicePublicId: a.invoicePublicId, lines: [{ description: 'Sneaky', quantity: 1, unitAmount: '1', taxable: true }], actor: system }), 'conflict');
    await expectAppError(issueDraftInvoice(shop.db, { invoicePublicId: a.invoicePublicId, dueInDays: 14, storefrontId: shop.storefrontId, actor: system, now }), 'conflict');
    await expectAppError(deleteDraftInvoice(shop.db, { invoicePublicId: a.invoicePublicId, actor: system }), 'conflict');
    expect((await listInvoices(shop.db, { customerId: c, excludeDrafts: true })).map((r) => r.publicId).sort()).toEqual([a.invoicePublicId, other.invoicePublicId, d.invoicePublicId].sort());
  });

  it('emails the invoice on issue and again on resend, with a fresh outbox row each time', async () => {
    const c = await customer();
    const { invoicePublicId } = await createDraftInvoice(shop.db, { customerId: c, currency: 'EUR', actor: system });
    await expectAppError(resendInvoiceEmail(shop.db, { invoicePublicId, storefrontId: shop.storefrontId, actor: system }), 'conflict');
    await saveDraftLines(shop.db, { invoicePublicId, lines: [{ description: 'Consulting', quantity: 1, unitAmount: '50', taxable: true }], actor: system, now });
    const { number } = await issueDraftInvoice(shop.db, { invoicePublicId, dueInDays: 7, storefrontId: shop.storefrontId, actor: system, now });
    const mails = async () => shop.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, `m${n}@example.com`), eq(emailOutbox.template, 'invoice-issued'))).orderBy(asc(emailOutbox.id));
    expect(await mails()).toHaveLength(1);
    expect((await mails())[0]!.props).toMatchObject({ invoiceNumber: number, invoicePublicId, dueOn: '2026-03-17', lines: [{ description: 'Consulting' }] });
    const resent = await resendInvoiceEmail(shop.db, { invoicePublicId, storefrontId: shop.storefrontId, actor: system, now: new Date('2026-03-11T10:00:00Z') });
    const after = await mails();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ id: resent.outboxId, dedupeKey: expect.stringMatching(/^invoice-resend:\d+:\d+$/) });
    const audits = await shop.db.select().from(auditLog).where(and(eq(auditLog.targetId, invoicePublicId), eq(auditLog.action, 'invoice.resent')));
    expect(audits).toHaveLength(1);
  });

  it('writes amounts with the digits of the store’s currency row, not Intl’s', async () => {
    // The store keeps forints with fillér, as ISO 4217 does; Intl shows HUF without decimals. 150050 minor units are
    // HUF 1,500.50 — read with Intl's digits they would be HUF 150,050.
    await addCurrency(shop.db, { input: { code: 'HUF', name: 'Forint', locale: 'en-US', minorDigits: '2', enabled: 'on', sortOrder: '40' }, actor: system });
    const c = await customer();
    const { invoicePublicId } = await createDraftInvoice(shop.db, { customerId: c, currency: 'HUF', actor: system });
    expect(await saveDraftLines(shop.db, { invoicePublicId, lines: [{ description: 'Consulting', quantity: 1, unitAmount: '1500.50', taxable: false }], actor: system, now })).toMatchObject({ totalMinor: 150050 });
    await issueDraftInvoice(shop.db, { invoicePublicId, dueInDays: 7, storefrontId: shop.storefrontId, actor: system, now });
    const [mail] = await shop.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, `m${n}@example.com`), eq(emailOutbox.template, 'invoice-issued')));
    expect(mail!.props).toMatchObject({ total: 'HUF\u00a01,500.50', lines: [{ description: 'Consulting', amount: 'HUF\u00a01,500.50' }] });
  });
});
