import { and, asc, eq, ne } from 'drizzle-orm';
import { taxRules, type TaxRule } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { SfDb } from '@/lib/db/connection';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { changedFields } from '@/lib/settings/admin/changed-fields';
import { taxRuleFormSchema, type TaxRuleForm, type TaxRuleFormInput } from './schemas';

function parseRule(input: TaxRuleFormInput): TaxRuleForm {
  const parsed = taxRuleFormSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  return parsed.data;
}

function placeLabel(r: { country: string; region: string }): string {
  return r.region ? `${r.country} / ${r.region}` : r.country;
}

function duplicatePlace(r: { country: string; region: string }): AppError {
  const message = `There is already a tax rule for ${placeLabel(r)}.`;
  return new AppError('conflict', message, { country: [`already has a rule${r.region ? ' for that region' : ''}`], region: ['already has a rule'] });
}

function snapshot(r: Pick<TaxRule, 'country' | 'region' | 'name' | 'rateMilliPercent' | 'active'>) {
  return { country: r.country, region: r.region, name: r.name, rateMilliPercent: r.rateMilliPercent, active: r.active };
}

export async function listTaxRules(db: SfDb): Promise<TaxRule[]> {
  return db.select().from(taxRules).orderBy(asc(taxRules.country), asc(taxRules.region));
}

/** Adds a rate for a country (or one region of it), audited as tax_rule.created. One rule per place. */
export async function createTaxRule(db: SfDb, opts: { input: TaxRuleFormInput; actor: AuditActor }): Promise<{ id: number }> {
  const form = parseRule(opts.input);
  const values = { country: form.country, region: form.region, name: form.name, rateMilliPercent: form.rate, active: form.active };
  try {
    return await db.transaction(async (tx) => {
      const [res] = await tx.insert(taxRules).values(values);
      await recordAudit(tx, { actor: opts.actor, action: 'tax_rule.created', target: { type: 'tax_rule', id: res.insertId }, after: snapshot(values) });
      return { id: res.insertId };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicatePlace(values);
    throw err;
  }
}

/**
 * Changes a rule; audits only the fields that changed. Issued invoices keep the tax they were issued with (each
 * line freezes its rate), so an edit affects new invoices only.
 */
export async function updateTaxRule(db: SfDb, opts: { ruleId: number; input: TaxRuleFormInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const form = parseRule(opts.input);
  const values = { country: form.country, region: form.region, name: form.name, rateMilliPercent: form.rate, active: form.active };
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select().from(taxRules).where(eq(taxRules.id, opts.ruleId)).for('update');
      if (!current) throw new AppError('not_found', 'That tax rule does not exist.');
      const diff = changedFields(snapshot(current), snapshot(values));
      if (!diff.changed) return { changed: false };
      const [clash] = await tx
        .select({ id: taxRules.id })
        .from(taxRules)
        .where(and(eq(taxRules.country, values.country), eq(taxRules.region, values.region), ne(taxRules.id, current.id)));
      if (clash) throw duplicatePlace(values);
      await tx.update(taxRules).set(values).where(eq(taxRules.id, current.id));
      await recordAudit(tx, { actor: opts.actor, action: 'tax_rule.updated', target: { type: 'tax_rule', id: current.id }, before: diff.before, after: diff.after });
      return { changed: true };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicatePlace(values);
    throw err;
  }
}

/** Removes a rule (issued invoices keep their frozen tax), audited with its last state. */
export async function deleteTaxRule(db: SfDb, opts: { ruleId: number; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(taxRules).where(eq(taxRules.id, opts.ruleId)).for('update');
    if (!current) throw new AppError('not_found', 'That tax rule does not exist.');
    await tx.delete(taxRules).where(eq(taxRules.id, current.id));
    await recordAudit(tx, { actor: opts.actor, action: 'tax_rule.deleted', target: { type: 'tax_rule', id: current.id }, before: snapshot(current), after: null });
  });
}
