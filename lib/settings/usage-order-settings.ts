import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { settingsGroup } from './settings-group';

/**
 * Commerce setting (stored as commerce.usageOrderMinimumMinor): what a customer must hold in account credit — or
 * have a saved payment method — to order a plan billed by usage (Kasm desktops), per currency in minor units.
 * A currency left out needs the default, 500 minor (5.00).
 */
export const DEFAULT_USAGE_ORDER_MINIMUM_MINOR = 500;

const schema = z.object({ usageOrderMinimumMinor: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().min(0).max(100_000_000)) });
const group = settingsGroup('commerce', schema, { usageOrderMinimumMinor: {} });

export async function usageOrderMinimumMinor(db: SfDb, currency: string): Promise<number> {
  const { usageOrderMinimumMinor: byCurrency } = await group.get(db);
  return byCurrency[currency.toUpperCase()] ?? DEFAULT_USAGE_ORDER_MINIMUM_MINOR;
}

/** Writes the per-currency minimums; the caller audits. */
export async function saveUsageOrderMinimums(db: SfDb, byCurrency: Record<string, number>): Promise<void> {
  await group.save(db, { usageOrderMinimumMinor: schema.shape.usageOrderMinimumMinor.parse(byCurrency) });
}
