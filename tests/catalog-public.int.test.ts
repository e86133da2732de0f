import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { seedCatalog } from '@/lib/setup/seed-catalog';
import { getGroupCatalog } from '@/lib/catalog/public/get-group-catalog';
import { getPlanForOrder } from '@/lib/catalog/public/get-plan-for-order';
import { listEnabledCurrencies } from '@/lib/catalog/public/list-enabled-currencies';
import { listVisibleGroups } from '@/lib/catalog/public/list-visible-groups';
import type { StorefrontDb } from '@/lib/db/connection';
import {
  configOptionGroupPlans,
  configOptionGroups,
  configOptionPrices,
  configOptions,
  configOptionValues,
  couponAmounts,
  coupons,
  currencies,
  locations,
  planLocations,
  planPrices,
  plans,
  productGroups,
  taxRules,
} from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;

const GROUPS = ['vps', 'dedicated', 'web-hosting', 'game-servers', 'cloud-desktops', 'software-licenses', 'api-products'];
const TABLES = {
  locations,
  plans,
  planPrices,
  planLocations,
  configOptionGroups,
  configOptionGroupPlans,
  configOptions,
  configOptionValues,
  configOptionPrices,
  taxRules,
  coupons,
  couponAmounts,
};

async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row?.n ?? 0;
  }
  return out;
}

async function planId(slug: string): Promise<number> {
  const [row] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, slug));
  if (!row) throw new Error(`no plan ${slug}`);
  return row.id;
}

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
  await db.insert(productGroups).values(GROUPS.map((slug, i) => ({ slug, name: slug, sortOrder: (i + 1) * 10 })));
});
afterAll(async () => {
  await t.cleanup();
});
// Each test starts from the seven groups, all shown, and no catalog in them.
beforeEach(async () => {
  for (const table of Object.values(TABLES)) await db.delete(table);
  await db.update(productGroups).set({ hidden: false });
});

/** Three VPS plans beside the demo ones: hidden and archived ones priced in EUR, an active one priced in USD only. */
async function addOddVpsPlans() {
  const [vps] = await db.select({ id: productGroups.id }).from(productGroups).where(eq(productGroups.slug, 'vps'));
  const base = { groupId: vps!.id, features: [], serviceType: 'vps' as const, moduleSettings: {} };
  await db.insert(plans).values([
    { ...base, slug: 'vps-secret', name: 'Secret', status: 'hidden', sortOrder: 1 },
    { ...base, slug: 'vps-legacy', name: 'Legacy', status: 'archived', sortOrder: 2 },
    { ...base, slug: 'vps-us-only', name: 'US only', status: 'active', sortOrder: 3 },
  ]);
  for (const slug of ['vps-secret', 'vps-legacy']) {
    await db.insert(planPrices).values({ planId: await planId(slug), currency: 'EUR', cycle: 'monthly', amountMinor: 100 });
  }
  await db.insert(planPrices).values({ planId: await planId('vps-us-only'), currency: 'USD', cycle: 'monthly', amountMinor: 100 });
}

describe('demo catalog seed', () => {
  it('seeds the catalog once and changes nothing when run again', async () => {
    await seedCatalog(db);
    const first = await rowCounts();
    expect(first).toMatchObject({ locations: 4, plans: 22, configOptionGroups: 2, taxRules: 29, coupons: 2, couponAmounts: 3 });
    // Every plan is priced in all three currencies.
    const [noEur] = await db
      .select({ n: count() })
      .from(plans)
      .leftJoin(planPrices, and(eq(planPrices.planId, plans.id), eq(planPrices.currency, 'EUR')))
      .where(isNull(planPrices.id));
    expect(noEur?.n).toBe(0);

    await seedCatalog(db);
    expect(await rowCounts()).toEqual(first);
  });

  it('leaves an operator’s edits alone on a re-run', async () => {
    await seedCatalog(db);
    const id = await planId('vps-starter');
    await db.update(planPrices).set({ amountMinor: 777 }).where(and(eq(planPrices.planId, id), eq(planPrices.currency, 'USD'), eq(planPrices.cycle, 'monthly')));
    await db.delete(planPrices).where(and(eq(planPrices.planId, id), eq(planPrices.cycle, 'semiannual')));
    await db.update(taxRules).set({ rateMilliPercent: 7000 }).where(eq(taxRules.country, 'DE'));
    const before = await rowCounts();

    await seedCatalog(db);
    expect(await rowCounts()).toEqual(before);
    const [price] = await db
      .select({ amountMinor: planPrices.amountMinor })
      .from(planPrices)
      .where(and(eq(planPrices.planId, id), eq(planPrices.currency, 'USD'), eq(planPrices.cycle, 'monthly')));
    expect(price?.amountMinor).toBe(777);
    const [de] = await db.select({ rate: taxRules.rateMilliPercent }).from(taxRules).where(eq(taxRules.country, 'DE'));
    expect(de?.rate).toBe(7000);
  });
});

describe('public catalog queries', () => {
  beforeEach(async () => {
    await seedCatalog(db);
  });

  it('lists the enabled currencies with the default first', async () => {
    expect((await listEnabledCurrencies(db)).map((c) => c.code)).toEqual(['USD', 'EUR', 'GBP']);
    await db.update(currencies).set({ enabled: false }).where(eq(currencies.code, 'GBP'));
    expect((await listEnabledCurrencies(db)).map((c) => c.code)).toEqual(['USD', 'EUR']);
    await db.update(currencies).set({ enabled: true }).where(eq(currencies.code, 'GBP'));
  });

  it('shows only active plans priced in the currency', async () => {
    await addOddVpsPlans();
    await db.delete(planPrices).where(and(eq(planPrices.planId, await planId('vps-starter')), eq(planPrices.cycle, 'semiannual')));

    const eur = await getGroupCatalog(db, { groupSlug: 'vps', currency: 'EUR' });
    expect(eur?.plans.map((p) => p.slug)).toEqual(['vps-starter', 'vps-standard', 'vps-performance', 'vps-pro']);
    const starter = eur!.plans[0]!;
    // Without its semiannual prices the plan still shows the other cycles, shortest first.
    expect(starter.prices.map((p) => [p.cycle, p.amountMinor])).toEqual([
      ['monthly', 600],
      ['quarterly', 1710],
      ['annual', 6120],
    ]);
    expect(starter.locations.map((l) => l.code)).toEqual(['nyc', 'fra', 'ams', 'lon']);
    expect(starter.stock).toBeNull();

    const usd = await getGroupCatalog(db, { groupSlug: 'vps', currency: 'usd' });
    expect(usd?.plans.map((p) => p.slug)).toContain('vps-us-only');
    expect(usd?.plans.map((p) => p.slug)).not.toContain('vps-secret');

    const dedicated = await getGroupCatalog(db, { groupSlug: 'dedicated', currency: 'GBP' });
    expect(dedicated?.plans.map((p) => p.stock)).toEqual([5, 4, 3]);
    expect(dedicated?.plans[0]?.prices.find((p) => p.cycle === 'monthly')).toMatchObject({ amountMinor: 6300, setupFeeMinor: 3900 });
    const desktops = await getGroupCatalog(db, { groupSlug: 'cloud-desktops', currency: 'USD' });
    expect(desktops?.plans.map((p) => p.prices[0]?.amountMinor)).toEqual([15, 30, 60, 20, 40, 80]);
    expect(desktops?.plans.every((p) => p.prices.length === 1 && p.prices[0]?.cycle === 'hourly')).toBe(true);

    expect(await getGroupCatalog(db, { groupSlug: 'nope', currency: 'EUR' })).toBeNull();
    await db.update(productGroups).set({ hidden: true }).where(eq(productGroups.slug, 'api-products'));
    expect(await getGroupCatalog(db, { groupSlug: 'api-products', currency: 'EUR' })).toBeNull();

    const groups = await listVisibleGroups(db);
    expect(groups.map((g) => g.slug)).toEqual(GROUPS.filter((g) => g !== 'api-products'));
    expect(groups.find((g) => g.slug === 'vps')?.activePlanCount).toBe(5);
    expect(groups.find((g) => g.slug === 'cloud-desktops')?.activePlanCount).toBe(6);
  });

  it('gives the order form a plan with its options and their prices', async () => {
    const plan = await getPlanForOrder(db, { slug: 'vps-standard' });
    expect(plan).toMatchObject({ slug: 'vps-standard', status: 'active', group: { slug: 'vps' } });
    expect(plan!.prices).toHaveLength(12);
    expect(plan!.locations).toHaveLength(4);
    expect(plan!.optionGroups.map((g) => g.name)).toEqual(['VPS extras']);
    const options = plan!.optionGroups[0]!.options;
    expect(options.map((o) => [o.code, o.type])).toEqual([
      ['os', 'dropdown'],
      ['extra-ipv4', 'quantity'],
      ['backups', 'yes_no'],
    ]);
    const windows = options[0]!.values.find((v) => v.code === 'windows-2022');
    expect(windows?.prices).toContainEqual({ currency: 'EUR', cycle: 'monthly', amountMinor: 1400, setupFeeMinor: 0 });
    expect(windows?.prices).toContainEqual({ currency: 'GBP', cycle: 'annual', amountMinor: 14400, setupFeeMinor: 0 });
    const ipv4 = options[1]!;
    expect(ipv4).toMatchObject({ minQuantity: 0, maxQuantity: 8, stepQuantity: 1 });
    expect(ipv4.values.map((v) => v.code)).toEqual(['unit']);
    expect(ipv4.values[0]!.prices.find((p) => p.currency === 'GBP' && p.cycle === 'quarterly')?.amountMinor).toBe(750);

    // Hidden options and values are not offered.
    await db.update(configOptionValues).set({ hidden: true }).where(eq(configOptionValues.code, 'rocky-9'));
    await db.update(configOptions).set({ hidden: true }).where(eq(configOptions.code, 'backups'));
    const again = await getPlanForOrder(db, { slug: 'vps-standard' });
    const os = again!.optionGroups[0]!.options;
    expect(os.map((o) => o.code)).toEqual(['os', 'extra-ipv4']);
    expect(os[0]!.values.map((v) => v.code)).toEqual(['ubuntu-24-04', 'debian-12', 'windows-2022']);
  });

  it('orders hidden plans by link but never archived ones', async () => {
    await addOddVpsPlans();
    expect(await getPlanForOrder(db, { slug: 'vps-secret' })).toMatchObject({ status: 'hidden', optionGroups: [] });
    expect(await getPlanForOrder(db, { slug: 'vps-legacy' })).toBeNull();
    expect(await getPlanForOrder(db, { slug: 'missing' })).toBeNull();
  });
});
