import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { commerceSettingsSchema, saveCommerceSettings, type CommerceSettings } from '@/lib/settings/commerce-settings';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { changedFields } from './changed-fields';
import { commerceSettingsFormSchema, type CommerceSettingsFormInput } from './schemas';

/**
 * Saves every commerce setting from the form; only the keys that changed are written and audited
 * (settings.commerce.updated, before/after) in the same transaction.
 */
export async function updateCommerceSettings(db: SfDb, opts: { input: CommerceSettingsFormInput; actor: AuditActor }): Promise<{ changed: (keyof CommerceSettings)[] }> {
  const form = commerceSettingsFormSchema.safeParse(opts.input);
  if (!form.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(form.error));
  const next = commerceSettingsSchema.safeParse(form.data);
  if (!next.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(next.error));
  return db.transaction(async (tx) => {
    const current = await getCommerceSettings(tx);
    const diff = changedFields<CommerceSettings>(current, next.data);
    if (!diff.changed) return { changed: [] };
    await saveCommerceSettings(tx, diff.after);
    await recordAudit(tx, { actor: opts.actor, action: 'settings.commerce.updated', target: { type: 'settings', id: 'commerce' }, before: diff.before, after: diff.after });
    return { changed: Object.keys(diff.after) as (keyof CommerceSettings)[] };
  });
}
