import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq, gt, max } from 'drizzle-orm';
import { auditLog, storefrontSettings } from '@/db/schema/storefront';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';
import { updateStorefrontLogo } from '@/lib/settings/admin/update-storefront-logo';
import { getBrandingSettings, LOGO_MAX_BYTES } from '@/lib/settings/branding-settings';
import { setupShop, type Shop } from './factories/shop';
import { appErrorFields } from './helpers/expect-app-error';
import { tinyPng } from './helpers/tiny-png';

let shop: Shop;
const staff = { type: 'staff' as const, id: 7, label: 'boss@example.com' };

/** Audit rows written since this test began: each test starts with no logo and counts only its own rows. */
let auditedBefore = 0;
const audits = () =>
  shop.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'settings.branding.updated'), eq(auditLog.targetId, 'branding'), gt(auditLog.id, auditedBefore)))
    .orderBy(desc(auditLog.id));

beforeAll(async () => {
  shop = await setupShop();
});
beforeEach(async () => {
  await shop.db.delete(storefrontSettings).where(eq(storefrontSettings.key, 'branding.logo'));
  auditedBefore = Number((await shop.db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});
afterAll(async () => {
  await shop.t.cleanup();
});

describe('storefront logo', () => {
  it('has no logo by default, so the invoice PDF shows the name only', async () => {
    expect(await getBrandingSettings(shop.db)).toEqual({ logo: null });
    expect(await getInvoicePdfBrand(shop.db, shop.storefront)).toEqual({ name: 'Shop', brandColor: shop.storefront.brandColor, logoUrl: null });
  });

  it('refuses files that are not PNG or JPEG by content, or too large, without writing', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(await appErrorFields(updateStorefrontLogo(shop.db, { bytes: gif, actor: staff }))).toEqual({ logo: ['must be a PNG or JPEG image'] });
    // A PNG signature alone (e.g. a renamed file cut short) is not enough.
    const pngHeaderOnly = tinyPng().subarray(0, 10);
    expect(await appErrorFields(updateStorefrontLogo(shop.db, { bytes: pngHeaderOnly, actor: staff }))).toEqual({ logo: ['must be a PNG or JPEG image'] });
    const html = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(await appErrorFields(updateStorefrontLogo(shop.db, { bytes: html, actor: staff }))).toEqual({ logo: ['must be a PNG or JPEG image'] });
    const big = Buffer.concat([tinyPng(), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(await appErrorFields(updateStorefrontLogo(shop.db, { bytes: big, actor: staff }))).toEqual({ logo: ['must be at most 256 KB'] });
    expect(await appErrorFields(updateStorefrontLogo(shop.db, { bytes: new Uint8Array(0), actor: staff }))).toEqual({ logo: ['is empty'] });
    expect(await getBrandingSettings(shop.db)).toEqual({ logo: null });
    expect(await audits()).toHaveLength(0);
  });

  it('stores a PNG as a data URL, audits it without the image, and hands it to the invoice PDF', async () => {
    const png = tinyPng();
    expect(await updateStorefrontLogo(shop.db, { bytes: png, actor: staff })).toEqual({ changed: true });
    const { logo } = await getBrandingSettings(shop.db);
    expect(logo).toMatchObject({ dataUrl: `data:image/png;base64,${png.toString('base64')}`, bytes: png.length });
    expect((await getInvoicePdfBrand(shop.db, shop.storefront)).logoUrl).toBe(logo!.dataUrl);

    const [audit] = await audits();
    expect(audit).toMatchObject({ actorType: 'staff', actorId: 7, before: { logo: null }, after: { logo: { mime: 'image/png', bytes: png.length, sha256: logo!.sha256 } } });
    expect(JSON.stringify(audit!.after)).not.toContain('base64');

    // The same image again changes nothing and records nothing.
    expect(await updateStorefrontLogo(shop.db, { bytes: png, actor: staff })).toEqual({ changed: false });
    expect(await audits()).toHaveLength(1);
  });

  it('replaces it with a JPEG recognised by its magic bytes, then removes it', async () => {
    expect(await updateStorefrontLogo(shop.db, { bytes: tinyPng(), actor: staff })).toEqual({ changed: true });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
    expect(await updateStorefrontLogo(shop.db, { bytes: jpeg, actor: staff })).toEqual({ changed: true });
    expect((await getBrandingSettings(shop.db)).logo?.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect((await audits())[0]).toMatchObject({ before: { logo: { mime: 'image/png' } }, after: { logo: { mime: 'image/jpeg', bytes: jpeg.length } } });

    expect(await updateStorefrontLogo(shop.db, { bytes: null, actor: staff })).toEqual({ changed: true });
    expect(await getBrandingSettings(shop.db)).toEqual({ logo: null });
    expect(await shop.db.select().from(storefrontSettings).where(eq(storefrontSettings.key, 'branding.logo'))).toEqual([]);
    expect((await audits())[0]).toMatchObject({ before: { logo: { mime: 'image/jpeg' } }, after: { logo: null } });
    expect(await updateStorefrontLogo(shop.db, { bytes: null, actor: staff })).toEqual({ changed: false });
    expect(await audits()).toHaveLength(3);
  });
});
