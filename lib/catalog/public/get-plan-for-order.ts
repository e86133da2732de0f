import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import {
  configOptionGroupPlans,
  configOptionGroups,
  configOptionPrices,
  configOptions,
  configOptionValues,
  planPrices,
  plans,
  productGroups,
  type BillingCycle,
  type OptionType,
  type ServiceType,
} from '@/db/schema/storefront';
import { byCycle } from './cycle-order';
import { loadPlanLocations, type CatalogLocation } from './plan-locations';

export interface OrderPlanPrice {
  currency: string;
  cycle: BillingCycle;
  amountMinor: number;
  setupFeeMinor: number;
  ratePrecise: string | null;
}

export interface OrderOptionPrice {
  currency: string;
  cycle: BillingCycle;
  amountMinor: number;
  setupFeeMinor: number;
}

export interface OrderOptionValue {
  id: number;
  /** 'unit' for quantity options and 'yes' for yes/no options, whose prices are per unit / for "yes". */
  code: string;
  label: string;
  prices: OrderOptionPrice[];
}

export interface OrderOption {
  id: number;
  code: string;
  name: string;
  type: OptionType;
  minQuantity: number;
  maxQuantity: number;
  stepQuantity: number;
  required: boolean;
  upgradable: boolean;
  values: OrderOptionValue[];
}

export interface OrderOptionGroup {
  id: number;
  name: string;
  description: string | null;
  options: OrderOption[];
}

export interface OrderPlan {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  features: string[];
  serviceType: ServiceType;
  /** Module key (virtfusion, …) or null; with serviceType it decides the order-time fields (orderFieldsForPlan). */
  provisioningModule: string | null;
  status: 'active' | 'hidden';
  trialDays: number;
  /** Null = unlimited; 0 = out of stock. */
  stock: number | null;
  group: { id: number; slug: string; name: string };
  /** Every currency and cycle, currency then shortest cycle first. */
  prices: OrderPlanPrice[];
  locations: CatalogLocation[];
  optionGroups: OrderOptionGroup[];
}

async function loadOptionGroups(db: SfDb, planId: number): Promise<OrderOptionGroup[]> {
  const groups = await db
    .select({ id: configOptionGroups.id, name: configOptionGroups.name, description: configOptionGroups.description })
    .from(configOptionGroupPlans)
    .innerJoin(configOptionGroups, eq(configOptionGroups.id, configOptionGroupPlans.groupId))
    .where(eq(configOptionGroupPlans.planId, planId))
    .orderBy(asc(configOptionGroups.id));
  if (groups.length === 0) return [];

  const options = await db
    .select({
      id: configOptions.id,
      groupId: configOptions.groupId,
      code: configOptions.code,
      name: configOptions.name,
      type: configOptions.type,
      minQuantity: configOptions.minQuantity,
      maxQuantity: configOptions.maxQuantity,
      stepQuantity: configOptions.stepQuantity,
      required: configOptions.required,
      upgradable: configOptions.upgradable,
    })
    .from(configOptions)
    .where(and(inArray(configOptions.groupId, groups.map((g) => g.id)), eq(configOptions.hidden, false)))
    .orderBy(asc(configOptions.sortOrder), asc(configOptions.id));
  const values = options.length
    ? await db
        .select({ id: configOptionValues.id, optionId: configOptionValues.optionId, code: configOptionValues.code, label: configOptionValues.label })
        .from(configOptionValues)
        .where(and(inArray(configOptionValues.optionId, options.map((o) => o.id)), eq(configOptionValues.hidden, false)))
        .orderBy(asc(configOptionValues.sortOrder), asc(configOptionValues.id))
    : [];
  const prices = values.length
    ? await db
        .select({
          valueId: configOptionPrices.valueId,
          currency: configOptionPrices.currency,
          cycle: configOptionPrices.cycle,
          amountMinor: configOptionPrices.amountMinor,
          setupFeeMinor: configOptionPrices.setupFeeMinor,
        })
        .from(configOptionPrices)
        .where(inArray(configOptionPrices.valueId, values.map((v) => v.id)))
        .orderBy(asc(configOptionPrices.currency))
    : [];

  const pricesByValue = groupBy(prices, (p) => p.valueId);
  const valuesByOption = groupBy(values, (v) => v.optionId);
  const optionsByGroup = groupBy(options, (o) => o.groupId);
  return groups.map((g) => ({
    ...g,
    options: (optionsByGroup.get(g.id) ?? []).map(({ groupId: _g, ...o }) => ({
      ...o,
      values: (valuesByOption.get(o.id) ?? []).map(({ optionId: _o, ...v }) => ({
        ...v,
        prices: (pricesByValue.get(v.id) ?? []).map(({ valueId: _v, ...p }) => p).sort((a, b) => a.currency.localeCompare(b.currency) || byCycle(a, b)),
      })),
    })),
  }));
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/**
 * Everything the order form needs for one plan: all its prices, locations and the visible options with their
 * prices. Hidden plans are orderable by their link, so they are returned; archived plans are not (null).
 */
export async function getPlanForOrder(db: SfDb, opts: { slug: string }): Promise<OrderPlan | null> {
  const [row] = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      name: plans.name,
      description: plans.description,
      features: plans.features,
      serviceType: plans.serviceType,
      provisioningModule: plans.provisioningModule,
      status: plans.status,
      trialDays: plans.trialDays,
      stockQuantity: plans.stockQuantity,
      group: { id: productGroups.id, slug: productGroups.slug, name: productGroups.name },
    })
    .from(plans)
    .innerJoin(productGroups, eq(productGroups.id, plans.groupId))
    .where(and(eq(plans.slug, opts.slug), ne(plans.status, 'archived')))
    .limit(1);
  if (!row || row.status === 'archived') return null;

  const prices = await db
    .select({ currency: planPrices.currency, cycle: planPrices.cycle, amountMinor: planPrices.amountMinor, setupFeeMinor: planPrices.setupFeeMinor, ratePrecise: planPrices.ratePrecise })
    .from(planPrices)
    .where(eq(planPrices.planId, row.id));
  const locations = (await loadPlanLocations(db, [row.id])).get(row.id) ?? [];
  const { stockQuantity, status, ...plan } = row;
  return {
    ...plan,
    status,
    stock: stockQuantity === null ? null : Math.max(0, stockQuantity),
    prices: prices.sort((a, b) => a.currency.localeCompare(b.currency) || byCycle(a, b)),
    locations,
    optionGroups: await loadOptionGroups(db, row.id),
  };
}
