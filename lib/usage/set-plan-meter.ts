import { and, eq } from 'drizzle-orm';
import { planMeterPrices, planMeters, planPrices, plans } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { aggregationFor } from './aggregation-registry';
import { parseQuantity, parseUnitPrice, quantityText, showQuantity, showUnitPrice, unitPriceText } from './decimal';
import { METER_CODES, meterFor } from './registry';
import { planMeterInputSchema, type PlanMeterInput } from './schemas';

/**
 * Adds a meter to a plan or changes its increment, allowance and prices (audited). It must be priced in every
 * currency the plan sells in, so no service of the plan counts usage it cannot bill. The aggregation is fixed once
 * set: live counters were pre-aggregated that way.
 */
export async function setPlanMeter(db: StorefrontDb, opts: { input: PlanMeterInput; actor: AuditActor }): Promise<{ planMeterId: number; created: boolean }> {
  const parsed = planMeterInputSchema.safeParse(opts.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_request', `${issue?.path.join('.') || 'input'} ${issue?.message ?? 'is invalid'}`);
  }
  const input = parsed.data;
  const meter = meterFor(input.meter);
  if (!meter) throw new AppError('bad_request', `Unknown meter "${input.meter}"; meters are ${METER_CODES.join(', ')}.`);
  const aggregation = input.aggregation ?? meter.aggregations[0];
  if (!meter.aggregations.includes(aggregation)) throw new AppError('bad_request', `${meter.code} is aggregated by ${meter.aggregations.join(' or ')}, not ${aggregation}.`);
  const step = input.incrementStep ?? null;
  if (step !== null && step <= 0n) throw new AppError('bad_request', 'incrementStep must be positive (leave it out to bill exact quantities).');

  return db.transaction(async (tx) => {
    const [plan] = await tx.select({ id: plans.id, slug: plans.slug }).from(plans).where(eq(plans.id, input.planId)).for('update');
    if (!plan) throw new AppError('not_found', 'That plan does not exist.');
    const sold = new Set((await tx.selectDistinct({ currency: planPrices.currency }).from(planPrices).where(eq(planPrices.planId, plan.id))).map((p) => p.currency));
    const given = Object.keys(input.prices);
    const foreign = given.filter((c) => !sold.has(c));
    if (foreign.length) throw new AppError('bad_request', `Plan ${plan.slug} is not sold in ${foreign.join(', ')}.`);
    const missing = [...sold].filter((c) => !given.includes(c));
    if (missing.length) throw new AppError('bad_request', `${meter.code} on ${plan.slug} also needs a price in ${missing.join(', ')} (the plan sells in it).`);

    const [existing] = await tx.select().from(planMeters).where(and(eq(planMeters.planId, plan.id), eq(planMeters.meterCode, meter.code))).for('update');
    if (existing && existing.aggregation !== aggregation) {
      throw new AppError('conflict', `${plan.slug} already bills ${meter.code} by ${aggregationFor(existing.aggregation).label.toLowerCase()}; its counters were kept that way, so the aggregation can't change.`);
    }
    const values = { incrementStep: step === null ? null : quantityText(step), includedQuantity: quantityText(input.includedQuantity ?? 0n) };
    let planMeterId: number;
    let before: Record<string, unknown> | null = null;
    if (existing) {
      planMeterId = existing.id;
      const prices = await tx.select().from(planMeterPrices).where(eq(planMeterPrices.planMeterId, existing.id));
      before = {
        incrementStep: existing.incrementStep === null ? null : showQuantity(parseQuantity(existing.incrementStep)),
        includedQuantity: showQuantity(parseQuantity(existing.includedQuantity)),
        prices: Object.fromEntries(prices.map((p) => [p.currency, showUnitPrice(parseUnitPrice(p.unitPriceMinor))])),
      };
      await tx.update(planMeters).set(values).where(eq(planMeters.id, existing.id));
      await tx.delete(planMeterPrices).where(eq(planMeterPrices.planMeterId, existing.id));
    } else {
      const [row] = await tx.insert(planMeters).values({ planId: plan.id, meterCode: meter.code, aggregation, ...values }).$returningId();
      planMeterId = row!.id;
    }
    await tx.insert(planMeterPrices).values(Object.entries(input.prices).map(([currency, price]) => ({ planMeterId, currency, unitPriceMinor: unitPriceText(price) })));
    await recordAudit(tx, {
      actor: opts.actor,
      action: existing ? 'catalog.plan.meter_updated' : 'catalog.plan.meter_added',
      target: { type: 'plan', id: plan.id },
      before,
      after: {
        meter: meter.code,
        aggregation,
        incrementStep: step === null ? null : showQuantity(step),
        includedQuantity: showQuantity(input.includedQuantity ?? 0n),
        prices: Object.fromEntries(Object.entries(input.prices).map(([c, p]) => [c, showUnitPrice(p)])),
      },
    });
    return { planMeterId, created: !existing };
  });
}
