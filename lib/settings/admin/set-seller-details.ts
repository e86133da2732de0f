import type { AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { commerceSettingsFormSchema } from './schemas';
import { writeCommerceSettings } from './update-commerce-settings';

/** The seller details invoices print, as the commerce form takes them (address lines as one text, a line per row). */
export const sellerDetailsSchema = commerceSettingsFormSchema.pick({
  sellerName: true,
  sellerCountry: true,
  sellerRegion: true,
  sellerAddressLines: true,
  sellerTaxId: true,
  sellerRegistrationNumber: true,
  sellerRegistrationPlace: true,
  invoiceFooter: true,
});

export type SellerDetailsInput = { [K in keyof typeof sellerDetailsSchema.shape]?: string };

/** The seller details given, checked as the commerce form checks them; the keys left out stay out. */
export function parseSellerDetails(input: SellerDetailsInput): Partial<CommerceSettings> {
  const keys = (Object.keys(input) as (keyof SellerDetailsInput)[]).filter((k) => input[k] !== undefined);
  const parsed = sellerDetailsSchema.pick(Object.fromEntries(keys.map((k) => [k, true])) as Partial<Record<keyof SellerDetailsInput, true>>).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_request', `${String(issue?.path[0] ?? 'input')} ${issue?.message ?? 'is invalid'}`, fieldErrorsOf(parsed.error));
  }
  return parsed.data as Partial<CommerceSettings>;
}

/**
 * Sets the seller details given and leaves the others as they are: onboarding (storefront:create) and the demo seed
 * fill them in without the whole commerce form. Audited as settings.commerce.updated, like the form.
 */
export async function setSellerDetails(db: SfDb, opts: { input: SellerDetailsInput; actor: AuditActor }): Promise<{ changed: (keyof CommerceSettings)[] }> {
  const next = parseSellerDetails(opts.input);
  return db.transaction(async (tx) => ({ changed: await writeCommerceSettings(tx, { next, actor: opts.actor }) }));
}
