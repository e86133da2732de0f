import type { Storefront } from '@/db/schema/central';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { brandContrastWarnings, type ContrastWarning } from '@/lib/branding/contrast';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { getBrandingSettings, saveBrandingSettings, type BrandingSettings } from '@/lib/settings/branding-settings';
import { brandingDetailsFormSchema, type BrandingDetailsFormInput } from './branding-form';
import { changedFields } from './changed-fields';

type Details = Omit<BrandingSettings, 'logo' | 'favicon'>;

/**
 * Saves the storefront's name, colours, contact addresses, footer and legal links from the branding form. Only
 * changed keys are written and audited (settings.branding.updated, before/after) in one transaction. A name or
 * primary colour equal to the storefront's own stays unset while it is unset, so saving an untouched form records
 * nothing; a blank accent follows the primary colour. Colours below WCAG AA are saved with a warning, not refused.
 */
export async function updateBrandDetails(
  db: SfDb,
  opts: { storefront: Pick<Storefront, 'name' | 'brandColor'>; input: BrandingDetailsFormInput; actor: AuditActor },
): Promise<{ changed: (keyof Details)[]; warnings: ContrastWarning[] }> {
  const form = brandingDetailsFormSchema.safeParse(opts.input);
  if (!form.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(form.error));
  const f = form.data;
  return db.transaction(async (tx) => {
    const { logo: _logo, favicon: _favicon, ...current } = await getBrandingSettings(tx);
    const keepUnset = <T>(stored: T | null, value: T, fallback: T): T | null => (stored === null && value === fallback ? null : value);
    const fallbackPrimary = opts.storefront.brandColor.toLowerCase();
    const next: Details = {
      companyName: keepUnset(current.companyName, f.companyName, opts.storefront.name),
      primaryColor: keepUnset(current.primaryColor, f.primaryColor, fallbackPrimary),
      accentColor: f.accentColor,
      supportEmail: f.supportEmail,
      mailFromAddress: f.mailFromAddress,
      footerText: f.footerText,
      termsUrl: f.termsUrl,
      privacyUrl: f.privacyUrl,
      imprintUrl: f.imprintUrl,
    };
    const warnings = brandContrastWarnings({ primaryColor: f.primaryColor, accentColor: f.accentColor ?? f.primaryColor }).filter((w) => w.field === 'primaryColor' || f.accentColor !== null);
    const diff = changedFields<Details>(current, next);
    if (!diff.changed) return { changed: [], warnings };
    await saveBrandingSettings(tx, diff.after);
    await recordAudit(tx, { actor: opts.actor, action: 'settings.branding.updated', target: { type: 'settings', id: 'branding' }, before: diff.before, after: diff.after });
    return { changed: Object.keys(diff.after) as (keyof Details)[], warnings };
  });
}
