import { and, eq, inArray } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { configOptionPrices, configOptionValues } from '@/db/schema/storefront/catalog';
import { parseInput } from './parse-input';
import { gridCurrencies, parsePriceGrid, priceDiff } from './price-grid';
import { idSchema } from './schemas';

/** Replaces one option value's prices in the enabled currencies with the grid, in one transaction, audited. */
export async function replaceOptionValuePrices(db: SfDb, opts: { valueId: number; prices: unknown; actor: AuditActor }): Promise<{ changed: boolean }> {
  const valueId = parseInput(idSchema, opts.valueId);
  return db.transaction(async (tx) => {
    const [value] = await tx.select({ id: configOptionValues.id }).from(configOptionValues).where(eq(configOptionValues.id, valueId)).for('update');
    if (!value) throw new AppError('not_found', 'That value does not exist.');
    const enabled = await gridCurrencies(tx);
    const next = parsePriceGrid(opts.prices, enabled, { allowRate: false });
    const codes = enabled.map((c) => c.code);
    if (!codes.length) throw new AppError('conflict', 'Enable a currency first.');
    const scope = and(eq(configOptionPrices.valueId, valueId), inArray(configOptionPrices.currency, codes));
    const current = await tx.select().from(configOptionPrices).where(scope);
    const diff = priceDiff(
      current.map((p) => ({ ...p, ratePrecise: null })),
      next,
    );
    if (!diff) return { changed: false };
    await tx.delete(configOptionPrices).where(scope);
    if (next.length) await tx.insert(configOptionPrices).values(next.map(({ ratePrecise: _r, ...p }) => ({ ...p, valueId })));
    await recordAudit(tx, { actor: opts.actor, action: 'catalog.option_value.prices_updated', target: { type: 'config_option_value', id: valueId }, ...diff });
    return { changed: true };
  });
}
