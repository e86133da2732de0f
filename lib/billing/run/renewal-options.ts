import { and, eq } from 'drizzle-orm';
import { configOptionPrices, configOptions, configOptionValues, orderItems, serviceChanges, services, type SelectedOption } from '@/db/schema/storefront';
import { optionLineDescription } from '@/lib/catalog/option-line-description';
import { idIn } from '@/lib/db/id-in';
import type { SfDb } from '@/lib/db/connection';
import { multiplyMinor } from '@/lib/pricing/rounding';
import type { PricedOptionInput } from '@/lib/pricing/types';
import type { DueService } from './renewal-rows';

/**
 * The options each service bills, read for a whole chunk in two queries (three when older selections need the
 * catalog): the configuration in force is the last applied plan change's, else the order item's, as
 * currentSelection (lib/billing/quote-plan-change.ts) reads it for one service.
 */
export async function renewalOptionsOf(db: SfDb, rows: readonly DueService[]): Promise<Map<number, PricedOptionInput[]>> {
  const out = new Map<number, PricedOptionInput[]>();
  if (!rows.length) return out;
  const ids = rows.map((s) => s.id);
  const changes = await db
    .select({ serviceId: serviceChanges.serviceId, selection: serviceChanges.newSelection, appliedAt: serviceChanges.appliedAt, id: serviceChanges.id })
    .from(serviceChanges)
    .where(and(idIn(serviceChanges.serviceId, ids), eq(serviceChanges.status, 'applied')));
  const latest = new Map<number, (typeof changes)[number]>();
  for (const c of changes) {
    const seen = latest.get(c.serviceId);
    const later = !seen || (c.appliedAt?.getTime() ?? 0) > (seen.appliedAt?.getTime() ?? 0) || ((c.appliedAt?.getTime() ?? 0) === (seen.appliedAt?.getTime() ?? 0) && c.id > seen.id);
    if (later) latest.set(c.serviceId, c);
  }
  const selected = new Map<number, SelectedOption[]>([...latest].map(([serviceId, c]) => [serviceId, c.selection.options]));
  const unchanged = ids.filter((id) => !selected.has(id));
  if (unchanged.length) {
    const ordered = await db
      .select({ serviceId: services.id, selection: orderItems.selection })
      .from(services)
      .innerJoin(orderItems, eq(orderItems.id, services.orderItemId))
      .where(idIn(services.id, unchanged));
    for (const o of ordered) selected.set(o.serviceId, o.selection.options);
  }

  const catalog = await catalogPricesOf(db, [...selected.values()].flat().filter((o) => o.amountMinor === undefined || o.description === undefined));
  for (const svc of rows) {
    const options: PricedOptionInput[] = [];
    for (const o of selected.get(svc.id) ?? []) {
      if (o.quantity <= 0) continue;
      const known = catalog.get(o.valueId);
      const amountMinor = o.amountMinor ?? known?.prices.get(`${svc.currency}|${svc.cycle}`) ?? 0;
      const description = o.description ?? (known ? optionLineDescription(known, o.valueLabel, o.quantity) : `${o.optionName}: ${o.valueLabel}`);
      options.push({ optionId: o.optionId, valueId: o.valueId, description, quantity: o.quantity, amountMinor, setupFeeMinor: 0 });
    }
    if (options.length) out.set(svc.id, options);
  }
  return out;
}

interface CatalogValue {
  name: string;
  type: (typeof configOptions.$inferSelect)['type'];
  /** Per unit per cycle, by "currency|cycle". */
  prices: Map<string, number>;
}

/**
 * Selections frozen before options carried their price and wording: the catalog's current ones stand in. A
 * service's recurring price was locked at order time, so itemizeRenewal checks these still fit inside it.
 */
async function catalogPricesOf(db: SfDb, legacy: SelectedOption[]): Promise<Map<number, CatalogValue>> {
  const valueIds = [...new Set(legacy.map((o) => o.valueId))];
  if (!valueIds.length) return new Map();
  const [values, prices] = await Promise.all([
    db
      .select({ valueId: configOptionValues.id, name: configOptions.name, type: configOptions.type })
      .from(configOptionValues)
      .innerJoin(configOptions, eq(configOptions.id, configOptionValues.optionId))
      .where(idIn(configOptionValues.id, valueIds)),
    db.select().from(configOptionPrices).where(idIn(configOptionPrices.valueId, valueIds)),
  ]);
  const out = new Map<number, CatalogValue>(values.map((v) => [v.valueId, { name: v.name, type: v.type, prices: new Map() }]));
  for (const p of prices) out.get(p.valueId)?.prices.set(`${p.currency}|${p.cycle}`, p.amountMinor);
  return out;
}

/**
 * The service's locked recurring price split into the plan and the options it includes, so the renewal shows each
 * as the order invoice did while the lines still add up to that price. Options that no longer fit inside it (a
 * stand-in catalog price above what was locked) are not itemized: the price stays on the plan line.
 */
export function itemizeRenewal(recurringMinor: number, options: readonly PricedOptionInput[]): { planMinor: number; options: PricedOptionInput[] } {
  const optionsMinor = options.reduce((sum, o) => sum + multiplyMinor(o.amountMinor, o.quantity), 0);
  if (optionsMinor > recurringMinor) return { planMinor: recurringMinor, options: [] };
  return { planMinor: recurringMinor - optionsMinor, options: [...options] };
}
