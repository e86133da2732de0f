import { eq, inArray } from 'drizzle-orm';
import type { SfDb, StorefrontTx } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { configOptionGroupPlans, configOptionGroups, plans } from '@/db/schema/storefront/catalog';
import { changedFields, parseInput } from './parse-input';
import { idSchema, optionGroupSchema, type OptionGroupInput } from './schemas';

function parse(input: OptionGroupInput) {
  const parsed = parseInput(optionGroupSchema, input);
  return { ...parsed, planIds: [...new Set(parsed.planIds)].sort((a, b) => a - b) };
}

async function attachPlans(tx: StorefrontTx, groupId: number, planIds: number[]): Promise<void> {
  if (planIds.length) {
    const found = await tx.select({ id: plans.id }).from(plans).where(inArray(plans.id, planIds));
    if (found.length !== planIds.length) throw new AppError('bad_request', 'Check the highlighted fields.', { planIds: ['include a plan that does not exist'] });
  }
  await tx.delete(configOptionGroupPlans).where(eq(configOptionGroupPlans.groupId, groupId));
  if (planIds.length) await tx.insert(configOptionGroupPlans).values(planIds.map((planId) => ({ groupId, planId })));
}

export async function createOptionGroup(db: SfDb, opts: { input: OptionGroupInput; actor: AuditActor }): Promise<{ id: number }> {
  const input = parse(opts.input);
  return db.transaction(async (tx) => {
    const [res] = await tx.insert(configOptionGroups).values({ name: input.name, description: input.description });
    await attachPlans(tx, res.insertId, input.planIds);
    await recordAudit(tx, { actor: opts.actor, action: 'catalog.option_group.created', target: { type: 'option_group', id: res.insertId }, after: input });
    return { id: res.insertId };
  });
}

/** Renames a shared option group and sets the plans it is attached to, audited with what changed. */
export async function updateOptionGroup(db: SfDb, opts: { groupId: number; input: OptionGroupInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const groupId = parseInput(idSchema, opts.groupId);
  const input = parse(opts.input);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(configOptionGroups).where(eq(configOptionGroups.id, groupId)).for('update');
    if (!row) throw new AppError('not_found', 'That option group does not exist.');
    const links = await tx.select({ planId: configOptionGroupPlans.planId }).from(configOptionGroupPlans).where(eq(configOptionGroupPlans.groupId, groupId));
    const before = { name: row.name, description: row.description, planIds: links.map((l) => l.planId).sort((a, b) => a - b) };
    const diff = changedFields(before, input);
    if (!diff) return { changed: false };
    await tx.update(configOptionGroups).set({ name: input.name, description: input.description }).where(eq(configOptionGroups.id, groupId));
    if ('planIds' in diff.after) await attachPlans(tx, groupId, input.planIds);
    await recordAudit(tx, { actor: opts.actor, action: 'catalog.option_group.updated', target: { type: 'option_group', id: groupId }, ...diff });
    return { changed: true };
  });
}
