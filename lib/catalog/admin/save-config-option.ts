import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { SfDb, StorefrontTx } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { configOptionGroups, configOptions, configOptionValues, type OptionType } from '@/db/schema/storefront/catalog';
import { changedFields, parseInput, rethrowDuplicate } from './parse-input';
import { configOptionSchema, idSchema, type ConfigOptionInput } from './schemas';

/** Quantity and yes/no options carry exactly one value row, which holds the per-unit / "yes" prices. */
export const SINGLE_VALUE: Partial<Record<OptionType, { code: string; label: string }>> = {
  quantity: { code: 'unit', label: 'Per unit' },
  yes_no: { code: 'yes', label: 'Yes' },
};

function normalise(input: z.output<typeof configOptionSchema>) {
  if (input.type !== 'quantity') return { ...input, minQuantity: 0, maxQuantity: 0, stepQuantity: 1 };
  const errors: Record<string, string[]> = {};
  if (input.maxQuantity < 1) errors.maxQuantity = ['must be at least 1'];
  else if (input.maxQuantity < input.minQuantity) errors.maxQuantity = ['must not be below the minimum'];
  if (Object.keys(errors).length) throw new AppError('bad_request', 'Check the highlighted fields.', errors);
  return input;
}

async function ensureSingleValue(tx: StorefrontTx, optionId: number, type: OptionType): Promise<void> {
  const single = SINGLE_VALUE[type];
  if (!single) return;
  const [existing] = await tx.select({ id: configOptionValues.id }).from(configOptionValues).where(eq(configOptionValues.optionId, optionId)).limit(1);
  if (!existing) await tx.insert(configOptionValues).values({ optionId, code: single.code, label: single.label });
}

const duplicate = (code: string) => `Another option in this group already uses the code "${code}".`;

/** Adds an option to a group; quantity and yes/no options get their single value row at once. */
export async function createConfigOption(db: SfDb, opts: { groupId: number; input: ConfigOptionInput; actor: AuditActor }): Promise<{ id: number }> {
  const groupId = parseInput(idSchema, opts.groupId);
  const input = normalise(parseInput(configOptionSchema, opts.input));
  try {
    return await db.transaction(async (tx) => {
      const [group] = await tx.select({ id: configOptionGroups.id }).from(configOptionGroups).where(eq(configOptionGroups.id, groupId));
      if (!group) throw new AppError('not_found', 'That option group does not exist.');
      const [res] = await tx.insert(configOptions).values({ ...input, groupId });
      await ensureSingleValue(tx, res.insertId, input.type);
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.option.created', target: { type: 'config_option', id: res.insertId }, after: { groupId, ...input } });
      return { id: res.insertId };
    });
  } catch (err) {
    rethrowDuplicate(err, 'code', duplicate(input.code));
  }
}

/** Edits an option. Its type is fixed once created: values and prices were set up for that type. */
export async function updateConfigOption(db: SfDb, opts: { optionId: number; input: ConfigOptionInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const optionId = parseInput(idSchema, opts.optionId);
  const input = normalise(parseInput(configOptionSchema, opts.input));
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(configOptions).where(eq(configOptions.id, optionId)).for('update');
      if (!row) throw new AppError('not_found', 'That option does not exist.');
      if (row.type !== input.type) throw new AppError('bad_request', 'The type of an option cannot change; add a new option instead.', { type: ['cannot change'] });
      await ensureSingleValue(tx, optionId, row.type);
      const diff = changedFields(row, input);
      if (!diff) return { changed: false };
      await tx.update(configOptions).set(input).where(eq(configOptions.id, optionId));
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.option.updated', target: { type: 'config_option', id: optionId }, ...diff });
      return { changed: true };
    });
  } catch (err) {
    rethrowDuplicate(err, 'code', duplicate(input.code));
  }
}
