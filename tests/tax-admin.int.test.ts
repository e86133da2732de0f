import { and, eq, gt, like, max } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, customers, storefrontSettings, taxRules } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import { createCustomer } from '@/lib/customers/create-customer';
import { setTaxExempt } from '@/lib/customers/set-tax-exempt';
import type { StorefrontDb } from '@/lib/db/connection';
import { updateCommerceSettings } from '@/lib/settings/admin/update-commerce-settings';
import { DEFAULT_COMMERCE_SETTINGS, getCommerceSettings } from '@/lib/settings/commerce-settings';
import { createTaxRule, deleteTaxRule, listTaxRules, updateTaxRule } from '@/lib/tax/admin/save-tax-rule';
import { ensureTaxRules, EU_STANDARD_VAT_RATES, euStandardVatRules } from '@/lib/tax/admin/seed-eu-vat-rules';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { appErrorFields } from './helpers/expect-app-error';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
const actor: AuditActor = { type: 'staff', id: 7, label: 'boss@shop.test' };

/** Audit rows of this test only. */
let auditedBefore = 0;
async function auditFor(action: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), gt(auditLog.id, auditedBefore)));
}

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
});
afterAll(async () => {
  await t.cleanup();
});
// Each test starts with no tax rules and the default commerce settings.
beforeEach(async () => {
  await db.delete(taxRules);
  await db.delete(storefrontSettings).where(like(storefrontSettings.key, 'commerce.%'));
  auditedBefore = Number((await db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});

describe('tax rules', () => {
  it('creates, updates and deletes rules with rates in thousandths of a percent, audited', async () => {
    const { id } = await createTaxRule(db, { input: { country: 'us', region: 'NY', name: 'Sales tax', rate: '8.875' }, actor });
    const [rule] = await db.select().from(taxRules).where(eq(taxRules.id, id));
    expect(rule).toMatchObject({ country: 'US', region: 'NY', name: 'Sales tax', rateMilliPercent: 8875, active: true });
    expect((await auditFor('tax_rule.created'))[0]).toMatchObject({ targetId: String(id), after: { country: 'US', region: 'NY', rateMilliPercent: 8875 } });

    expect((await updateTaxRule(db, { ruleId: id, input: { country: 'US', region: 'NY', name: 'Sales tax', rate: '4', active: false }, actor })).changed).toBe(true);
    expect((await auditFor('tax_rule.updated'))[0]).toMatchObject({ before: { rateMilliPercent: 8875, active: true }, after: { rateMilliPercent: 4000, active: false } });
    expect((await updateTaxRule(db, { ruleId: id, input: { country: 'US', region: 'NY', name: 'Sales tax', rate: '4.000', active: false }, actor })).changed).toBe(false);

    const zero = await createTaxRule(db, { input: { country: 'GB', name: 'VAT', rate: '0' }, actor });
    await deleteTaxRule(db, { ruleId: zero.id, actor });
    expect((await auditFor('tax_rule.deleted'))[0]).toMatchObject({ before: { country: 'GB', rateMilliPercent: 0 }, after: null });
    await expect(deleteTaxRule(db, { ruleId: zero.id, actor })).rejects.toThrow(/does not exist/);
  });

  it('refuses a second rule for the same place and invalid rates as field errors', async () => {
    await createTaxRule(db, { input: { country: 'US', region: 'NY', name: 'Sales tax', rate: '4' }, actor });
    await createTaxRule(db, { input: { country: 'DE', name: 'VAT', rate: '19' }, actor });
    expect((await appErrorFields(createTaxRule(db, { input: { country: 'de', region: '', name: 'MwSt', rate: '7' }, actor }))).country).toBeDefined();
    expect((await appErrorFields(createTaxRule(db, { input: { country: 'US', region: 'ny', name: 'Sales tax', rate: '7' }, actor }))).region).toBeDefined();
    const { id: ca } = await createTaxRule(db, { input: { country: 'US', region: 'CA', name: 'Sales tax', rate: '7.25' }, actor });
    expect((await appErrorFields(updateTaxRule(db, { ruleId: ca, input: { country: 'US', region: 'NY', name: 'Sales tax', rate: '7.25' }, actor }))).country).toBeDefined();
    for (const rate of ['100.001', '-1', 'abc', '', '8.8755']) expect((await appErrorFields(createTaxRule(db, { input: { country: 'FR', name: 'VAT', rate }, actor }))).rate).toBeDefined();
    expect((await appErrorFields(createTaxRule(db, { input: { country: 'FRA', name: '', rate: '20' }, actor })))).toMatchObject({ country: expect.any(Array), name: expect.any(Array) });
    expect((await listTaxRules(db)).map((r) => `${r.country}${r.region}`)).toEqual(['DE', 'USCA', 'USNY']);
  });

  it('seeds the EU standard rates once and never overwrites an existing rule', async () => {
    expect(Object.keys(EU_STANDARD_VAT_RATES)).toHaveLength(27);
    expect(EU_STANDARD_VAT_RATES).toMatchObject({ DE: 19000, FR: 20000, IE: 23000, HU: 27000, GR: 24000, FI: 25500, LU: 17000 });
    await createTaxRule(db, { input: { country: 'DE', name: 'VAT', rate: '7' }, actor });
    expect(await ensureTaxRules(db, euStandardVatRules(), actor)).toBe(26);
    expect(await ensureTaxRules(db, euStandardVatRules(), actor)).toBe(0);
    const rules = await listTaxRules(db);
    expect(rules.filter((r) => r.region === '' && r.country in EU_STANDARD_VAT_RATES)).toHaveLength(27);
    expect(rules.find((r) => r.country === 'DE')!.rateMilliPercent).toBe(7000);
    expect(rules.find((r) => r.country === 'HU')).toMatchObject({ name: 'VAT', rateMilliPercent: 27000, active: true });
  });
});

describe('commerce settings', () => {
  const form = {
    taxInclusive: true,
    sellerName: 'Shop GmbH',
    sellerCountry: 'de',
    sellerRegion: '',
    sellerAddressLines: 'Hauptstraße 1\r\n\r\n10115 Berlin\n',
    sellerTaxId: 'DE123456789',
    viesEnabled: true,
    viesMaxAgeDays: '14',
    loyaltyTiers: [
      { months: '24', percent: '7.5' },
      { months: '12', percent: '5' },
      { months: '', percent: '' },
    ],
    invoiceNumberFormat: 'SHOP-{YY}-{SEQ:5}',
    orderInvoiceDueDays: '7',
  };

  it('saves every field and audits only what changed', async () => {
    const res = await updateCommerceSettings(db, { input: form, actor });
    expect(res.changed.sort()).toEqual(
      ['invoiceNumberFormat', 'loyaltyTiers', 'orderInvoiceDueDays', 'sellerAddressLines', 'sellerCountry', 'sellerName', 'sellerTaxId', 'taxInclusive', 'viesEnabled', 'viesMaxAgeDays'].sort(),
    );
    expect(await getCommerceSettings(db)).toEqual({
      taxInclusive: true,
      sellerName: 'Shop GmbH',
      sellerCountry: 'DE',
      sellerRegion: null,
      sellerAddressLines: ['Hauptstraße 1', '10115 Berlin'],
      sellerTaxId: 'DE123456789',
      sellerRegistrationNumber: null,
      sellerRegistrationPlace: null,
      invoiceFooter: '',
      viesEnabled: true,
      viesMaxAgeDays: 14,
      loyaltyTiers: [
        { months: 12, percentBp: 500 },
        { months: 24, percentBp: 750 },
      ],
      invoiceNumberFormat: 'SHOP-{YY}-{SEQ:5}',
      orderInvoiceDueDays: 7,
    });
    const [audit] = await auditFor('settings.commerce.updated');
    expect(audit!.before).toMatchObject({ taxInclusive: false, sellerCountry: 'US', loyaltyTiers: DEFAULT_COMMERCE_SETTINGS.loyaltyTiers });
    expect(audit!.before).not.toHaveProperty('sellerRegion');
    expect(audit!.after).toMatchObject({ taxInclusive: true, sellerCountry: 'DE', orderInvoiceDueDays: 7 });

    expect((await updateCommerceSettings(db, { input: form, actor })).changed).toEqual([]);
    expect(await auditFor('settings.commerce.updated')).toHaveLength(1);
    await updateCommerceSettings(db, { input: { ...form, sellerRegion: 'Berlin' }, actor });
    expect((await auditFor('settings.commerce.updated'))[1]).toMatchObject({ before: { sellerRegion: null }, after: { sellerRegion: 'Berlin' } });
  });

  it('refuses invalid values as field errors and leaves settings unchanged', async () => {
    await updateCommerceSettings(db, { input: form, actor });
    const errors = await appErrorFields(
      updateCommerceSettings(db, {
        input: { ...form, sellerName: '', invoiceNumberFormat: 'INV-{YYYY}', orderInvoiceDueDays: '90', viesMaxAgeDays: '0', loyaltyTiers: [{ months: '12', percent: '25' }], sellerAddressLines: 'a\nb\nc\nd\ne\nf' },
        actor,
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(['invoiceNumberFormat', 'loyaltyTiers', 'orderInvoiceDueDays', 'sellerAddressLines', 'sellerName', 'viesMaxAgeDays']);
    expect((await appErrorFields(updateCommerceSettings(db, { input: { ...form, loyaltyTiers: [{ months: '12', percent: '5' }, { months: '12', percent: '6' }] }, actor }))).loyaltyTiers).toBeDefined();
    expect((await getCommerceSettings(db)).sellerName).toBe('Shop GmbH');
  });
});

describe('customer tax exemption', () => {
  it('changes the flag with an audit row, and a no-op writes none', async () => {
    const c = await createCustomer(db, { input: { email: 'corp@example.com', name: 'Corp', country: 'US' }, actor });
    expect((await setTaxExempt(db, { customerId: c.id, taxExempt: true, actor })).changed).toBe(true);
    expect((await db.select().from(customers).where(eq(customers.id, c.id)))[0]!.taxExempt).toBe(true);
    expect((await setTaxExempt(db, { customerId: c.id, taxExempt: true, actor })).changed).toBe(false);
    await setTaxExempt(db, { customerId: c.id, taxExempt: false, actor });
    const audits = await auditFor('customer.tax_exempt.changed');
    expect(audits.map((a) => [a.before, a.after])).toEqual([
      [{ taxExempt: false }, { taxExempt: true }],
      [{ taxExempt: true }, { taxExempt: false }],
    ]);
    expect(audits[0]).toMatchObject({ actorType: 'staff', actorId: 7, targetType: 'customer', targetId: c.publicId });
    await expect(setTaxExempt(db, { customerId: 999999, taxExempt: true, actor })).rejects.toThrow(/does not exist/);
  });
});
