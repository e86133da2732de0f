import type { Storefront } from '@/db/schema/central';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { storeBrandAsset } from '@/lib/branding/brand-asset';
import { prepareBrandImage, type BrandImageKind } from '@/lib/branding/brand-image';
import { rasterizeSvg } from '@/lib/branding/rasterize-svg';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { getBrandingSettings, saveBrandingSettings, type BrandingSettings, type StoredImage } from '@/lib/settings/branding-settings';

const LABEL: Record<BrandImageKind, string> = { logo: 'The logo', favicon: 'The favicon' };

/** What the audit row keeps of an image: enough to tell versions apart, never the bytes. */
function audited(image: BrandingSettings['logo']) {
  if (!image) return null;
  if ('dataUrl' in image) return { mime: image.dataUrl.slice(5, image.dataUrl.indexOf(';')), bytes: image.bytes, sha256: image.sha256 };
  return { mime: image.mime, bytes: image.bytes, sha256: image.sha256 };
}

/**
 * Sets the storefront's logo or favicon from an uploaded file (PNG, JPEG or SVG by content, within the size limit;
 * an SVG sanitised first), or removes it with `bytes: null`. The file goes to the file store under a key named by
 * its hash before the setting points at it, so a crash between the two leaves only an unused file; an SVG logo also
 * gets a PNG copy for PDFs and emails. Audited as settings.branding.updated (type, size and hash, no bytes) in the
 * transaction that changes the setting; the same image again, or removing none, changes nothing. Earlier files stay
 * in storage: emails already sent still show the logo they were sent with.
 */
export async function updateBrandImage(
  db: SfDb,
  opts: { storefront: Pick<Storefront, 'slug'>; kind: BrandImageKind; bytes: Uint8Array | null; actor: AuditActor },
): Promise<{ changed: boolean; removed: string[] }> {
  let next: StoredImage | null = null;
  let removed: string[] = [];
  if (opts.bytes) {
    const prepared = prepareBrandImage(opts.kind, opts.bytes);
    if (!prepared.ok) throw new AppError('bad_request', `${LABEL[opts.kind]} ${prepared.error}.`, { [opts.kind]: [prepared.error] });
    removed = prepared.removed;
    const stored = await storeBrandAsset(opts.storefront, opts.kind, prepared.bytes, prepared.mime);
    let rasterKey: string | null = null;
    if (opts.kind === 'logo' && prepared.mime === 'image/svg+xml') {
      const png = await rasterizeSvg(prepared.bytes);
      if (png) rasterKey = (await storeBrandAsset(opts.storefront, 'logo', png, 'image/png')).key;
    }
    next = { key: stored.key, mime: prepared.mime, bytes: prepared.bytes.length, sha256: stored.sha256, rasterKey };
  }
  return db.transaction(async (tx) => {
    const current = (await getBrandingSettings(tx))[opts.kind];
    if ((current?.sha256 ?? null) === (next?.sha256 ?? null) && (current === null || !('dataUrl' in current))) return { changed: false, removed };
    await saveBrandingSettings(tx, { [opts.kind]: next });
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'settings.branding.updated',
      target: { type: 'settings', id: 'branding' },
      before: { [opts.kind]: audited(current) },
      after: { [opts.kind]: audited(next) },
    });
    return { changed: true, removed };
  });
}
