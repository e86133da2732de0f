import { createHash } from 'node:crypto';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { getBrandingSettings, saveBrandingSettings, type BrandingSettings } from '@/lib/settings/branding-settings';
import { checkLogoImage } from './logo-image';

/** What the audit row keeps of a logo: enough to tell versions apart, not the image itself. */
function auditedLogo(logo: BrandingSettings['logo']) {
  return logo ? { mime: logo.dataUrl.slice(5, logo.dataUrl.indexOf(';')), bytes: logo.bytes, sha256: logo.sha256 } : null;
}

/**
 * Sets the storefront logo from an uploaded file's bytes (PNG or JPEG by content, at most LOGO_MAX_BYTES), or
 * removes it with `bytes: null`. Audited as settings.branding.updated in the same transaction; uploading the same
 * image again, or removing when there is none, changes nothing.
 */
export async function updateStorefrontLogo(db: SfDb, opts: { bytes: Uint8Array | null; actor: AuditActor }): Promise<{ changed: boolean }> {
  let next: BrandingSettings['logo'] = null;
  if (opts.bytes) {
    const check = checkLogoImage(opts.bytes);
    if (!check.ok) throw new AppError('bad_request', `The logo ${check.error}.`, { logo: [check.error] });
    const buf = Buffer.from(opts.bytes);
    next = { dataUrl: `data:${check.mime};base64,${buf.toString('base64')}`, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
  }
  return db.transaction(async (tx) => {
    const { logo: current } = await getBrandingSettings(tx);
    if ((current?.sha256 ?? null) === (next?.sha256 ?? null)) return { changed: false };
    await saveBrandingSettings(tx, { logo: next });
    await recordAudit(tx, { actor: opts.actor, action: 'settings.branding.updated', target: { type: 'settings', id: 'branding' }, before: { logo: auditedLogo(current) }, after: { logo: auditedLogo(next) } });
    return { changed: true };
  });
}
