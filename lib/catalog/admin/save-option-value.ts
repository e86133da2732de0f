import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { configOptions, configOptionValues } from '@/db/schema/storefront/catalog';
import { changedFields, parseInput, rethrowDuplicate } from './parse-input';
import { SINGLE_VALUE } from './save-config-option';
import { idSchema, optionValueSchema, type OptionValueInput } from './schemas';

const duplicate = (code: string) => `Another value of this option already uses the code "${code}".`;

/** Adds a choice to a dropdown or radio option (quantity and yes/no options keep their single value). */
export async function createOptionValue(db: SfDb, opts: { optionId: number; input: OptionValueInput; actor: AuditActor }): Promise<{ id: number }> {
  const optionId = parseInput(idSchema, opts.optionId);
  const input = parseInput(optionValueSchema, opts.input);
  try {
    return await db.transaction(async (tx) => {
      const [option] = await tx.select().from(configOptions).where(eq(configOptions.id, optionId)).for('update');
      if (!option) throw new AppError('not_found', 'That option does not exist.');
      if (SINGLE_VALUE[option.type]) throw new AppError('conflict', `A ${option.type.replace('_', '/')} option has exactly one value; set its prices instead.`);
      const [res] = await tx.insert(configOptionValues).values({ ...input, optionId });
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.option_value.created', target: { type: 'config_option_value', id: res.insertId }, after: { optionId, ...input } });
      return { id: res.insertId };
    });
  } catch (err) {
    rethrowDuplicate(err, 'code', duplicate(input.code));
  }
}

export async function updateOptionValue(db: SfDb, opts: { valueId: number; input: OptionValueInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const valueId = parseInput(idSchema, opts.valueId);
  const input = parseInput(optionValueSchema, opts.input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ value: configOptionValues, type: configOptions.type })
        .from(configOptionValues)
        .innerJoin(configOptions, eq(configOptions.id, configOptionValues.optionId))
        .where(eq(configOptionValues.id, valueId))
        .for('update');
      if (!row) throw new AppError('not_found', 'That value does not exist.');
      const single = SINGLE_VALUE[row.type];
      if (single && input.code !== single.code) throw new AppError('bad_request', 'Check the highlighted fields.', { code: [`must stay "${single.code}"`] });
      const diff = changedFields(row.value, input);
      if (!diff) return { changed: false };
      await tx.update(configOptionValues).set(input).where(eq(configOptionValues.id, valueId));
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.option_value.updated', target: { type: 'config_option_value', id: valueId }, ...diff });
      return { changed: true };
    });
  } catch (err) {
    rethrowDuplicate(err, 'code', duplicate(input.code));
  }
}
