import { and, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import type { StorefrontDb } from '@/lib/db/connection';
import { createProductGroup, updateProductGroup } from '@/lib/catalog/admin/save-product-group';
import { createPlan, updatePlan } from '@/lib/catalog/admin/save-plan';
import { replacePlanPrices } from '@/lib/catalog/admin/replace-plan-prices';
import { createLocation } from '@/lib/catalog/admin/save-location';
import { addCurrency, setDefaultCurrency, updateCurrency } from '@/lib/catalog/admin/manage-currencies';
import { createOptionGroup } from '@/lib/catalog/admin/save-option-group';
import { createConfigOption, updateConfigOption } from '@/lib/catalog/admin/save-config-option';
import { createOptionValue } from '@/lib/catalog/admin/save-option-value';
import { replaceOptionValuePrices } from '@/lib/catalog/admin/replace-option-prices';
import { getPlanForEdit } from '@/lib/catalog/admin/get-plan-for-edit';
import { getOptionGroupForEdit } from '@/lib/catalog/admin/get-option-group-for-edit';
import { listCatalogOverview } from '@/lib/catalog/admin/list-catalog';
import { priceCellsFromForm } from '@/lib/catalog/admin/price-grid';
import { planSchema, type PlanInput } from '@/lib/catalog/admin/schemas';
import { auditLog, configOptionGroupPlans, configOptionGroups, configOptionPrices, configOptions, configOptionValues, currencies, planLocations, planPrices, plans } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
const actor: AuditActor = { type: 'staff', id: 1, label: 'ops@shop.test', ip: '203.0.113.9', userAgent: 'vitest' };

/** Audit rows of this test only. */
let auditedBefore = 0;
async function auditFor(action: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), gt(auditLog.id, auditedBefore)));
}

/** Runs an operation that must fail with an AppError and returns that error. */
async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

let groupId: number;
let locationId: number;

const planInput = (over: Partial<PlanInput> = {}): PlanInput => ({
  groupId,
  name: 'VPS S',
  slug: 'vps-s',
  description: 'Small VPS',
  features: '2 vCPU\n\n 40 GB NVMe \n',
  serviceType: 'vps',
  provisioningModule: 'virtfusion',
  moduleSettings: '{"packageId": 12}',
  status: 'active',
  sortOrder: '10',
  trialDays: '0',
  stockQuantity: '',
  locationIds: [String(locationId)],
  optionGroupIds: [],
  ...over,
});

beforeAll(async () => {
  t = await setupTestEnv();
  db = openStorefrontDb(await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' }));
  groupId = (await createProductGroup(db, { input: { name: 'VPS', slug: 'vps', sortOrder: '1', hidden: undefined }, actor })).id;
  locationId = (await createLocation(db, { input: { code: 'ams1', name: 'Amsterdam 1', country: 'nl', city: 'Amsterdam', active: 'on', sortOrder: '' }, actor })).id;
});
afterAll(async () => {
  await t.cleanup();
});
// Each test starts from the group and location alone: no plans, prices or options left by another test, and the
// storefront's first currencies.
let firstCurrencies: (typeof currencies.$inferSelect)[] = [];
beforeEach(async () => {
  if (!firstCurrencies.length) firstCurrencies = await db.select().from(currencies);
  await db.delete(currencies);
  await db.insert(currencies).values(firstCurrencies);
  for (const table of [plans, planLocations, planPrices, configOptionGroups, configOptionGroupPlans, configOptions, configOptionValues, configOptionPrices]) await db.delete(table);
  auditedBefore = Number((await db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});

/** The plan most tests work on, made afresh. */
async function vpsS(): Promise<number> {
  return (await createPlan(db, { input: planInput(), actor })).id;
}

describe('product groups and plans', () => {
  it('creates a plan with features, module settings and locations, audited', async () => {
    const { id } = await createPlan(db, { input: planInput(), actor });
    const got = await getPlanForEdit(db, id);
    expect(got!.plan).toMatchObject({ slug: 'vps-s', features: ['2 vCPU', '40 GB NVMe'], moduleSettings: { packageId: 12 }, stockQuantity: null, provisioningModule: 'virtfusion' });
    expect(got!.locationIds).toEqual([locationId]);
    const [audit] = await auditFor('catalog.plan.created');
    expect(audit!.targetType).toBe('plan');
    expect(audit!.targetId).toBe(String(id));
    expect(audit!.actorLabel).toBe('ops@shop.test');
    const [country] = (await listCatalogOverview(db)).map((g) => g.plans.length);
    expect(country).toBe(1);
  });

  it('rejects a duplicate slug as a conflict on the slug field', async () => {
    await vpsS();
    const err = await appError(createPlan(db, { input: planInput({ name: 'Other' }), actor }));
    expect(err.code).toBe('conflict');
    expect(err.fieldErrors?.slug).toBeDefined();
    const groupErr = await appError(createProductGroup(db, { input: { name: 'Again', slug: 'vps' }, actor }));
    expect(groupErr.code).toBe('conflict');
    expect(groupErr.fieldErrors?.slug).toBeDefined();
    expect(await db.select().from(plans)).toHaveLength(1);
  });

  it('rejects invalid module settings, bad slugs, trial days and stock with field errors and writes nothing', async () => {
    for (const moduleSettings of ['{not json', '[1,2]', 'null', '"text"', JSON.stringify({ big: 'x'.repeat(11_000) })]) {
      const err = await appError(createPlan(db, { input: planInput({ slug: 'vps-x', moduleSettings }), actor }));
      expect(err.code).toBe('bad_request');
      expect(err.fieldErrors?.moduleSettings).toBeDefined();
    }
    const err = await appError(createPlan(db, { input: planInput({ slug: 'VPS X', trialDays: '366', stockQuantity: '-1', groupId: 999999 }), actor }));
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(['slug', 'stockQuantity', 'trialDays']);
    const refErr = await appError(createPlan(db, { input: planInput({ slug: 'vps-y', groupId: 999999, locationIds: ['999999'] }), actor }));
    expect(Object.keys(refErr.fieldErrors ?? {}).sort()).toEqual(['groupId', 'locationIds']);
    expect(await db.select().from(plans)).toHaveLength(0);
  });

  it('rejects a provisioning module no module answers to, on create and on update, and keeps blank as none', async () => {
    const err = await appError(createPlan(db, { input: planInput({ slug: 'vps-n', provisioningModule: 'nope' }), actor }));
    expect(err.code).toBe('bad_request');
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(['provisioningModule']);
    expect(err.fieldErrors!.provisioningModule![0]).toMatch(/virtfusion/);
    await vpsS();
    const [plan] = await db.select().from(plans).where(eq(plans.slug, 'vps-s'));
    const upErr = await appError(updatePlan(db, { planId: plan!.id, input: planInput({ provisioningModule: 'solusvm' }), actor }));
    expect(upErr.fieldErrors?.provisioningModule).toBeDefined();
    expect(await db.select({ slug: plans.slug, module: plans.provisioningModule }).from(plans)).toEqual([{ slug: 'vps-s', module: 'virtfusion' }]);
    expect(planSchema.parse(planInput({ provisioningModule: ' ' })).provisioningModule).toBeNull();
  });

  it('updates only what changed, with before and after in the audit log', async () => {
    await vpsS();
    const [plan] = await db.select().from(plans).where(eq(plans.slug, 'vps-s'));
    expect((await updatePlan(db, { planId: plan!.id, input: planInput(), actor })).changed).toBe(false);
    expect((await updatePlan(db, { planId: plan!.id, input: planInput({ status: 'archived', stockQuantity: '5', locationIds: [] }), actor })).changed).toBe(true);
    const [audit] = await auditFor('catalog.plan.updated');
    expect(audit!.before).toEqual({ status: 'active', stockQuantity: null, locationIds: [locationId] });
    expect(audit!.after).toEqual({ status: 'archived', stockQuantity: 5, locationIds: [] });
    expect((await updateProductGroup(db, { groupId, input: { name: 'Cloud VPS', slug: 'vps', sortOrder: '1', hidden: 'on' }, actor })).changed).toBe(true);
    const [g] = await auditFor('catalog.group.updated');
    expect(g!.after).toEqual({ name: 'Cloud VPS', hidden: true });
    await updateProductGroup(db, { groupId, input: { name: 'VPS', slug: 'vps', sortOrder: '1', hidden: undefined }, actor });
  });
});

describe('plan prices', () => {
  it('saves a grid in USD and EUR, then replaces it with an audited diff', async () => {
    await vpsS();
    const [plan] = await db.select().from(plans).where(eq(plans.slug, 'vps-s'));
    const planId = plan!.id;
    await replacePlanPrices(db, {
      planId,
      prices: [
        { currency: 'USD', cycle: 'monthly', amount: '12.50', setupFee: '5' },
        { currency: 'USD', cycle: 'annual', amount: '120' },
        { currency: 'EUR', cycle: 'monthly', amount: '11.99', setupFee: '' },
        { currency: 'EUR', cycle: 'hourly', amount: '0.02', rate: '1.523456' },
        { currency: 'GBP', cycle: 'monthly', amount: '' },
      ],
      actor,
    });
    const rows = await db.select().from(planPrices).where(eq(planPrices.planId, planId));
    const byKey = Object.fromEntries(rows.map((r) => [`${r.currency}:${r.cycle}`, r]));
    expect(Object.keys(byKey).sort()).toEqual(['EUR:hourly', 'EUR:monthly', 'USD:annual', 'USD:monthly']);
    expect(byKey['USD:monthly']).toMatchObject({ amountMinor: 1250, setupFeeMinor: 500, ratePrecise: null });
    expect(byKey['EUR:hourly']).toMatchObject({ amountMinor: 2, ratePrecise: '1.523456' });

    // A form posts the grid as named inputs.
    const form = new FormData();
    form.set('amount:USD:monthly', '14.00');
    form.set('setupFee:USD:monthly', '5.00');
    form.set('amount:USD:annual', '120.00');
    form.set('amount:EUR:monthly', '11.99');
    form.set('amount:EUR:hourly', '');
    form.set('rate:EUR:hourly', '');
    form.set('bogus', 'x');
    expect((await replacePlanPrices(db, { planId, prices: priceCellsFromForm(form), actor })).changed).toBe(true);
    const [audit] = await auditFor('catalog.plan.prices_updated').then((r) => r.slice(-1));
    expect(audit!.before).toEqual({ prices: { 'USD:monthly': { amountMinor: 1250, setupFeeMinor: 500 }, 'EUR:hourly': { amountMinor: 2, setupFeeMinor: 0, ratePrecise: '1.523456' } } });
    expect(audit!.after).toEqual({ prices: { 'USD:monthly': { amountMinor: 1400, setupFeeMinor: 500 }, 'EUR:hourly': null } });
    expect(await db.select().from(planPrices).where(eq(planPrices.planId, planId))).toHaveLength(3);
    expect((await replacePlanPrices(db, { planId, prices: priceCellsFromForm(form), actor })).changed).toBe(false);
  });

  it('rejects bad cells by field name and keeps the old prices', async () => {
    await vpsS();
    const [plan] = await db.select().from(plans).where(eq(plans.slug, 'vps-s'));
    await replacePlanPrices(db, { planId: plan!.id, prices: [{ currency: 'USD', cycle: 'monthly', amount: '14' }, { currency: 'USD', cycle: 'annual', amount: '120' }], actor });
    const err = await appError(
      replacePlanPrices(db, {
        planId: plan!.id,
        prices: [
          { currency: 'USD', cycle: 'monthly', amount: '1.234' },
          { currency: 'EUR', cycle: 'monthly', amount: '-3' },
          { currency: 'EUR', cycle: 'annual', amount: '', setupFee: '4' },
          { currency: 'JPY', cycle: 'monthly', amount: '100' },
        ],
        actor,
      }),
    );
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(['amount:EUR:annual', 'amount:EUR:monthly', 'amount:JPY:monthly', 'amount:USD:monthly']);
    expect(await db.select().from(planPrices).where(and(eq(planPrices.planId, plan!.id), eq(planPrices.currency, 'USD')))).toHaveLength(2);
  });
});

describe('config options', () => {
  it('creates a group with a dropdown and a quantity option, values and prices', async () => {
    await vpsS();
    const [plan] = await db.select().from(plans).where(eq(plans.slug, 'vps-s'));
    const { id: ogId } = await createOptionGroup(db, { input: { name: 'VPS extras', planIds: [String(plan!.id)] }, actor });
    const { id: osId } = await createConfigOption(db, { groupId: ogId, input: { code: 'os', name: 'Operating system', type: 'dropdown', required: 'on' }, actor });
    const { id: ipId } = await createConfigOption(db, { groupId: ogId, input: { code: 'ipv4', name: 'Extra IPv4', type: 'quantity', minQuantity: '0', maxQuantity: '8', stepQuantity: '1' }, actor });
    await createConfigOption(db, { groupId: ogId, input: { code: 'backup', name: 'Backups', type: 'yes_no' }, actor });
    const { id: debian } = await createOptionValue(db, { optionId: osId, input: { code: 'debian', label: 'Debian 12' }, actor });
    await createOptionValue(db, { optionId: osId, input: { code: 'windows', label: 'Windows Server', sortOrder: '2' }, actor });

    const single = await appError(createOptionValue(db, { optionId: ipId, input: { code: 'two', label: 'Two' }, actor }));
    expect(single.code).toBe('conflict');
    const dupe = await appError(createOptionValue(db, { optionId: osId, input: { code: 'debian', label: 'Again' }, actor }));
    expect(dupe.fieldErrors?.code).toBeDefined();
    const range = await appError(createConfigOption(db, { groupId: ogId, input: { code: 'disk', name: 'Disk', type: 'quantity', minQuantity: '5', maxQuantity: '2' }, actor }));
    expect(range.fieldErrors?.maxQuantity).toBeDefined();
    const typeChange = await appError(updateConfigOption(db, { optionId: ipId, input: { code: 'ipv4', name: 'Extra IPv4', type: 'dropdown' }, actor }));
    expect(typeChange.fieldErrors?.type).toBeDefined();

    const detail = await getOptionGroupForEdit(db, ogId);
    expect(detail!.planIds).toEqual([plan!.id]);
    const ip = detail!.options.find((o) => o.code === 'ipv4')!;
    expect(ip.values.map((v) => v.code)).toEqual(['unit']);
    expect(detail!.options.find((o) => o.code === 'backup')!.values.map((v) => v.code)).toEqual(['yes']);
    expect(detail!.options.find((o) => o.code === 'os')!.values.map((v) => v.code)).toEqual(['debian', 'windows']);

    await replaceOptionValuePrices(db, { valueId: ip.values[0]!.id, prices: [{ currency: 'USD', cycle: 'monthly', amount: '2.00', setupFee: '1' }, { currency: 'EUR', cycle: 'monthly', amount: '1.80' }], actor });
    await replaceOptionValuePrices(db, { valueId: debian, prices: [{ currency: 'USD', cycle: 'monthly', amount: '0' }], actor });
    const rate = await appError(replaceOptionValuePrices(db, { valueId: debian, prices: [{ currency: 'USD', cycle: 'hourly', amount: '1', rate: '0.5' }], actor }));
    expect(rate.fieldErrors?.['rate:USD:hourly']).toBeDefined();
    const after = await getOptionGroupForEdit(db, ogId);
    const unitPrices = after!.options.find((o) => o.code === 'ipv4')!.values[0]!.prices;
    expect(unitPrices.map((p) => [p.currency, p.amountMinor, p.setupFeeMinor]).sort()).toEqual([
      ['EUR', 180, 0],
      ['USD', 200, 100],
    ]);
    expect((await auditFor('catalog.option_value.prices_updated')).length).toBe(2);
    expect((await getPlanForEdit(db, plan!.id))!.optionGroupIds).toEqual([ogId]);
  });
});

describe('currencies', () => {
  const defaults = async () => (await db.select().from(currencies).where(eq(currencies.isDefault, true))).map((c) => c.code);

  it('adds ISO currencies only, with the Intl exponent by default', async () => {
    await addCurrency(db, { input: { code: 'jpy', name: 'Japanese yen', locale: 'ja-JP', enabled: 'on' }, actor });
    const [jpy] = await db.select().from(currencies).where(eq(currencies.code, 'JPY'));
    expect(jpy).toMatchObject({ minorDigits: 0, isDefault: false, enabled: true });
    for (const code of ['XYZ1', 'US', 'ABC']) {
      const err = await appError(addCurrency(db, { input: { code, name: 'Nope', locale: 'en-US' }, actor }));
      expect(err.fieldErrors?.code).toBeDefined();
    }
    const dupe = await appError(addCurrency(db, { input: { code: 'USD', name: 'Dollar', locale: 'en-US' }, actor }));
    expect(dupe.code).toBe('conflict');
    const locale = await appError(addCurrency(db, { input: { code: 'CHF', name: 'Swiss franc', locale: 'not a locale!' }, actor }));
    expect(locale.fieldErrors?.locale).toBeDefined();
  });

  it('keeps exactly one default, which cannot be disabled', async () => {
    expect(await defaults()).toEqual(['USD']);
    const off = await appError(updateCurrency(db, { input: { code: 'USD', name: 'US dollar', locale: 'en-US', minorDigits: '2', enabled: undefined, sortOrder: '10' }, actor }));
    expect(off.code).toBe('conflict');
    expect(off.fieldErrors?.enabled).toBeDefined();

    await updateCurrency(db, { input: { code: 'GBP', name: 'Pound sterling', locale: 'en-GB', minorDigits: '2', enabled: undefined, sortOrder: '30' }, actor });
    expect((await appError(setDefaultCurrency(db, { code: 'GBP', actor }))).code).toBe('conflict');

    expect((await setDefaultCurrency(db, { code: 'EUR', actor })).changed).toBe(true);
    expect(await defaults()).toEqual(['EUR']);
    const [audit] = await auditFor('catalog.currency.default_changed');
    expect(audit!.before).toEqual({ default: 'USD' });
    expect(audit!.after).toEqual({ default: 'EUR' });

    await updateCurrency(db, { input: { code: 'USD', name: 'US dollar', locale: 'en-US', minorDigits: '2', enabled: undefined, sortOrder: '10' }, actor });
    expect((await db.select().from(currencies).where(eq(currencies.code, 'USD')))[0]!.enabled).toBe(false);
  });

  it('freezes minor digits once prices exist', async () => {
    await replacePlanPrices(db, { planId: await vpsS(), prices: [{ currency: 'EUR', cycle: 'monthly', amount: '11.99' }], actor });
    const err = await appError(updateCurrency(db, { input: { code: 'EUR', name: 'Euro', locale: 'de-DE', minorDigits: '3', enabled: 'on', sortOrder: '20' }, actor }));
    expect(err.fieldErrors?.minorDigits).toBeDefined();
  });
});
