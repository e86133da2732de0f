import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { commerceSettingsSchema, saveCommerceSettings, type CommerceSettings } from '@/lib/settings/commerce-settings';
import { getCommerceSettings, storedCommerceKeys } from '@/lib/settings/commerce-settings';
import { CONFIRMED_SELLER_KEYS } from '@/lib/settings/seller-details';
import { changedFields } from './changed-fields';
import { commerceSettingsFormSchema, type CommerceSettingsFormInput } from './schemas';

/**
 * Saves every commerce setting from the form; only the keys that changed are written and audited
 * (settings.commerce.updated, before/after) in the same transaction. The seller's name and country are written the
 * first time even when they equal the defaults: saving them is staff confirming them (see missingSellerDetails).
 */
export async function updateCommerceSettings(db: SfDb, opts: { input: CommerceSettingsFormInput; actor: AuditActor }): Promise<{ changed: (keyof CommerceSettings)[] }> {
  const form = commerceSettingsFormSchema.safeParse(opts.input);
  if (!form.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(form.error));
  const next = commerceSettingsSchema.safeParse(form.data);
  if (!next.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(next.error));
  return db.transaction(async (tx) => {
    const [current, stored] = await Promise.all([getCommerceSettings(tx), storedCommerceKeys(tx)]);
    const diff = changedFields<CommerceSettings>(current, next.data);
    const before: Partial<CommerceSettings> = { ...diff.before };
    const after: Partial<CommerceSettings> = { ...diff.after };
    for (const k of CONFIRMED_SELLER_KEYS) {
      if (stored.has(k) || k in after) continue;
      before[k] = current[k];
      after[k] = next.data[k];
    }
    if (!Object.keys(after).length) return { changed: [] };
    await saveCommerceSettings(tx, after);
    await recordAudit(tx, { actor: opts.actor, action: 'settings.commerce.updated', target: { type: 'settings', id: 'commerce' }, before, after });
    return { changed: Object.keys(after) as (keyof CommerceSettings)[] };
  });
}
