import { and, eq, inArray } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { planPrices, plans } from '@/db/schema/storefront/catalog';
import { parseInput } from './parse-input';
import { gridCurrencies, parsePriceGrid, priceDiff } from './price-grid';
import { idSchema } from './schemas';

/**
 * Replaces a plan's prices in the enabled currencies with the grid (delete + insert in one transaction), audited
 * with the changed cells. Prices in disabled currencies are left as they are.
 */
export async function replacePlanPrices(db: SfDb, opts: { planId: number; prices: unknown; actor: AuditActor }): Promise<{ changed: boolean }> {
  const planId = parseInput(idSchema, opts.planId);
  return db.transaction(async (tx) => {
    const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).for('update');
    if (!plan) throw new AppError('not_found', 'That plan does not exist.');
    const enabled = await gridCurrencies(tx);
    const next = parsePriceGrid(opts.prices, enabled, { allowRate: true });
    const codes = enabled.map((c) => c.code);
    if (!codes.length) throw new AppError('conflict', 'Enable a currency first.');
    const scope = and(eq(planPrices.planId, planId), inArray(planPrices.currency, codes));
    const current = await tx.select().from(planPrices).where(scope);
    const diff = priceDiff(current, next);
    if (!diff) return { changed: false };
    await tx.delete(planPrices).where(scope);
    if (next.length) await tx.insert(planPrices).values(next.map((p) => ({ ...p, planId })));
    await recordAudit(tx, { actor: opts.actor, action: 'catalog.plan.prices_updated', target: { type: 'plan', id: planId }, ...diff });
    return { changed: true };
  });
}
