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
 * Writes the given commerce settings in the caller's transaction: only the keys that changed are written and
 * audited (settings.commerce.updated, before/after). The seller's name and country are written the first time
 * they are given even when they equal the defaults: giving them is staff confirming them (missingSellerDetails).
 */
export async function writeCommerceSettings(tx: SfDb, opts: { next: Partial<CommerceSettings>; actor: AuditActor }): Promise<(keyof CommerceSettings)[]> {
  const [current, stored] = await Promise.all([getCommerceSettings(tx), storedCommerceKeys(tx)]);
  const given = Object.fromEntries(Object.keys(opts.next).map((k) => [k, current[k as keyof CommerceSettings]])) as Partial<CommerceSettings>;
  const diff = changedFields<Partial<CommerceSettings>>(given, opts.next);
  const before: Partial<CommerceSettings> = { ...diff.before };
  const after: Partial<CommerceSettings> = { ...diff.after };
  for (const k of CONFIRMED_SELLER_KEYS) {
    if (stored.has(k) || k in after || opts.next[k] === undefined) continue;
    before[k] = current[k];
    after[k] = opts.next[k];
  }
  if (!Object.keys(after).length) return [];
  await saveCommerceSettings(tx, after);
  await recordAudit(tx, { actor: opts.actor, action: 'settings.commerce.updated', target: { type: 'settings', id: 'commerce' }, before, after });
  return Object.keys(after) as (keyof CommerceSettings)[];
}

/** Saves every commerce setting from the form (see writeCommerceSettings), in one transaction. */
export async function updateCommerceSettings(db: SfDb, opts: { input: CommerceSettingsFormInput; actor: AuditActor }): Promise<{ changed: (keyof CommerceSettings)[] }> {
  const form = commerceSettingsFormSchema.safeParse(opts.input);
  if (!form.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(form.error));
  const next = commerceSettingsSchema.safeParse(form.data);
  if (!next.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(next.error));
  return db.transaction(async (tx) => ({ changed: await writeCommerceSettings(tx, { next: next.data, actor: opts.actor }) }));
}
