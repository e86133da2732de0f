import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { SfDb, StorefrontTx } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { configOptionGroupPlans, configOptionGroups, locations, planLocations, plans, productGroups } from '@/db/schema/storefront/catalog';
import { changedFields, parseInput, rethrowDuplicate } from './parse-input';
import { idSchema, planSchema, type PlanInput } from './schemas';

type ParsedPlan = z.output<typeof planSchema>;

const duplicate = (slug: string) => `Another plan already uses the slug "${slug}".`;

const uniqueSorted = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** The group, locations and option groups a plan points at must exist; reported as field errors. */
async function assertReferences(tx: StorefrontTx, input: ParsedPlan): Promise<void> {
  const errors: Record<string, string[]> = {};
  const [group] = await tx.select({ id: productGroups.id }).from(productGroups).where(eq(productGroups.id, input.groupId));
  if (!group) errors.groupId = ['does not exist'];
  if (input.locationIds.length) {
    const found = await tx.select({ id: locations.id }).from(locations).where(inArray(locations.id, input.locationIds));
    if (found.length !== input.locationIds.length) errors.locationIds = ['include a location that does not exist'];
  }
  if (input.optionGroupIds.length) {
    const found = await tx.select({ id: configOptionGroups.id }).from(configOptionGroups).where(inArray(configOptionGroups.id, input.optionGroupIds));
    if (found.length !== input.optionGroupIds.length) errors.optionGroupIds = ['include an option group that does not exist'];
  }
  if (Object.keys(errors).length) throw new AppError('bad_request', 'Check the highlighted fields.', errors);
}

function columns(input: ParsedPlan) {
  const { locationIds: _l, optionGroupIds: _o, ...rest } = input;
  return rest;
}

async function replaceLinks(tx: StorefrontTx, planId: number, locationIds: number[], optionGroupIds: number[]): Promise<void> {
  await tx.delete(planLocations).where(eq(planLocations.planId, planId));
  if (locationIds.length) await tx.insert(planLocations).values(locationIds.map((locationId) => ({ planId, locationId })));
  await tx.delete(configOptionGroupPlans).where(eq(configOptionGroupPlans.planId, planId));
  if (optionGroupIds.length) await tx.insert(configOptionGroupPlans).values(optionGroupIds.map((groupId) => ({ groupId, planId })));
}

/** Creates a plan with its locations and option groups; prices are saved separately (replacePlanPrices). */
export async function createPlan(db: SfDb, opts: { input: PlanInput; actor: AuditActor }): Promise<{ id: number }> {
  const parsed = parseInput(planSchema, opts.input);
  const input = { ...parsed, locationIds: uniqueSorted(parsed.locationIds), optionGroupIds: uniqueSorted(parsed.optionGroupIds) };
  try {
    return await db.transaction(async (tx) => {
      await assertReferences(tx, input);
      const [res] = await tx.insert(plans).values(columns(input));
      await replaceLinks(tx, res.insertId, input.locationIds, input.optionGroupIds);
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.plan.created', target: { type: 'plan', id: res.insertId }, after: input });
      return { id: res.insertId };
    });
  } catch (err) {
    rethrowDuplicate(err, 'slug', duplicate(input.slug));
  }
}

/** Updates a plan's fields and links, audited with before/after of what changed. Plans are archived, never deleted. */
export async function updatePlan(db: SfDb, opts: { planId: number; input: PlanInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const planId = parseInput(idSchema, opts.planId);
  const parsed = parseInput(planSchema, opts.input);
  const input = { ...parsed, locationIds: uniqueSorted(parsed.locationIds), optionGroupIds: uniqueSorted(parsed.optionGroupIds) };
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(plans).where(eq(plans.id, planId)).for('update');
      if (!row) throw new AppError('not_found', 'That plan does not exist.');
      await assertReferences(tx, input);
      const [locs, groups] = await Promise.all([
        tx.select({ id: planLocations.locationId }).from(planLocations).where(eq(planLocations.planId, planId)),
        tx.select({ id: configOptionGroupPlans.groupId }).from(configOptionGroupPlans).where(eq(configOptionGroupPlans.planId, planId)),
      ]);
      const before = { ...row, locationIds: uniqueSorted(locs.map((l) => l.id)), optionGroupIds: uniqueSorted(groups.map((g) => g.id)) };
      const diff = changedFields(before, input);
      if (!diff) return { changed: false };
      await tx.update(plans).set(columns(input)).where(eq(plans.id, planId));
      if ('locationIds' in diff.after || 'optionGroupIds' in diff.after) await replaceLinks(tx, planId, input.locationIds, input.optionGroupIds);
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.plan.updated', target: { type: 'plan', id: planId }, ...diff });
      return { changed: true };
    });
  } catch (err) {
    rethrowDuplicate(err, 'slug', duplicate(input.slug));
  }
}
