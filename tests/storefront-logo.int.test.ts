import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq, gt, inArray, max } from 'drizzle-orm';
import { auditLog, storefrontSettings } from '@/db/schema/storefront';
import { BRAND_IMAGE_MAX_BYTES } from '@/lib/branding/brand-image';
import { getStorefrontBrand } from '@/lib/branding/storefront-brand';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';
import { updateBrandImage } from '@/lib/settings/admin/update-brand-image';
import { getBrandingSettings, type StoredImage } from '@/lib/settings/branding-settings';
import { getFileStore } from '@/lib/storage/registry';
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

const logoOf = async () => (await getBrandingSettings(shop.db)).logo as StoredImage | null;
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
const upload = (bytes: Uint8Array | null, kind: 'logo' | 'favicon' = 'logo') => updateBrandImage(shop.db, { storefront: shop.storefront, kind, bytes, actor: staff });

beforeAll(async () => {
  shop = await setupShop();
});
beforeEach(async () => {
  await shop.db.delete(storefrontSettings).where(inArray(storefrontSettings.key, ['branding.logo', 'branding.favicon']));
  auditedBefore = Number((await shop.db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});
afterAll(async () => {
  await shop.t.cleanup();
});

describe('storefront logo', () => {
  it('has no logo by default, so the invoice PDF shows the name only', async () => {
    expect((await getBrandingSettings(shop.db)).logo).toBeNull();
    expect(await getInvoicePdfBrand(shop.db, shop.storefront)).toEqual({ name: 'Shop', brandColor: shop.storefront.brandColor, logoUrl: null });
  });

  it('refuses files that are not PNG, JPEG or SVG by content, or too large, without writing', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(await appErrorFields(upload(gif))).toEqual({ logo: ['must be a PNG, JPEG or SVG image'] });
    // A PNG signature alone (e.g. a renamed file cut short) is not enough.
    expect(await appErrorFields(upload(tinyPng().subarray(0, 10)))).toEqual({ logo: ['must be a PNG, JPEG or SVG image'] });
    expect(await appErrorFields(upload(Buffer.from('<html><script>alert(1)</script></html>')))).toEqual({ logo: ['must be an SVG image (its root element is not <svg>)'] });
    expect(await appErrorFields(upload(Buffer.from('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>')))).toEqual({ logo: ['must not contain a DOCTYPE'] });
    expect(await appErrorFields(upload(Buffer.concat([tinyPng(), Buffer.alloc(BRAND_IMAGE_MAX_BYTES.logo)])))).toEqual({ logo: ['must be at most 256 KB'] });
    expect(await appErrorFields(upload(Buffer.concat([tinyPng(), Buffer.alloc(BRAND_IMAGE_MAX_BYTES.favicon)]), 'favicon'))).toEqual({ favicon: ['must be at most 64 KB'] });
    expect(await appErrorFields(upload(new Uint8Array(0)))).toEqual({ logo: ['is empty'] });
    expect((await getBrandingSettings(shop.db)).logo).toBeNull();
    expect(await audits()).toHaveLength(0);
  });

  it('stores a PNG in file storage under the storefront and its hash, audits it without the image, and hands it to the PDF', async () => {
    const png = tinyPng();
    expect(await upload(png)).toEqual({ changed: true, removed: [] });
    const logo = await logoOf();
    expect(logo).toMatchObject({ key: expect.stringMatching(/^shop\/branding\/logo-[0-9a-f]{64}\.png$/), mime: 'image/png', bytes: png.length, rasterKey: null });
    expect(logo!.key).toBe(`shop/branding/logo-${logo!.sha256}.png`);
    expect(await getFileStore().get(logo!.key)).toEqual(png);
    expect((await getInvoicePdfBrand(shop.db, shop.storefront)).logoUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect((await getStorefrontBrand(shop.db, shop.storefront)).logo).toEqual({ key: logo!.key, path: `/api/brand-assets/logo-${logo!.sha256}.png`, mime: 'image/png' });

    const [audit] = await audits();
    expect(audit).toMatchObject({ actorType: 'staff', actorId: 7, before: { logo: null }, after: { logo: { mime: 'image/png', bytes: png.length, sha256: logo!.sha256 } } });
    expect(JSON.stringify(audit!.after)).not.toContain('base64');
    expect(JSON.stringify(audit!.after)).not.toContain('branding/');

    // The same image again changes nothing and records nothing.
    expect(await upload(png)).toEqual({ changed: false, removed: [] });
    expect(await audits()).toHaveLength(1);
  });

  it('replaces it with a JPEG recognised by its magic bytes, then removes it (the old file stays for emails already sent)', async () => {
    await upload(tinyPng());
    const first = await logoOf();
    expect(await upload(jpeg())).toEqual({ changed: true, removed: [] });
    expect((await logoOf())?.key).toMatch(/^shop\/branding\/logo-[0-9a-f]{64}\.jpg$/);
    expect((await getInvoicePdfBrand(shop.db, shop.storefront)).logoUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect((await audits())[0]).toMatchObject({ before: { logo: { mime: 'image/png' } }, after: { logo: { mime: 'image/jpeg', bytes: jpeg().length } } });

    expect(await upload(null)).toEqual({ changed: true, removed: [] });
    expect((await getBrandingSettings(shop.db)).logo).toBeNull();
    expect(await shop.db.select().from(storefrontSettings).where(eq(storefrontSettings.key, 'branding.logo'))).toEqual([]);
    expect((await audits())[0]).toMatchObject({ before: { logo: { mime: 'image/jpeg' } }, after: { logo: null } });
    expect(await upload(null)).toEqual({ changed: false, removed: [] });
    expect(await audits()).toHaveLength(3);
    expect(await getFileStore().get(first!.key)).not.toBeNull();
  });

  it('sanitises an SVG logo, stores the clean copy, and gives the PDF a PNG drawn from it', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" onload="alert(1)"><script>alert(2)</script><rect width="40" height="20" fill="#2563eb"/></svg>';
    const res = await upload(Buffer.from(svg));
    expect(res).toEqual({ changed: true, removed: ['<script>', 'onload=""'] });
    const logo = await logoOf();
    expect(logo).toMatchObject({ mime: 'image/svg+xml', key: expect.stringMatching(/^shop\/branding\/logo-[0-9a-f]{64}\.svg$/), rasterKey: expect.stringMatching(/^shop\/branding\/logo-[0-9a-f]{64}\.png$/) });
    const stored = (await getFileStore().get(logo!.key))!.toString('utf8');
    expect(stored).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#2563eb"/></svg>');
    const raster = await getFileStore().get(logo!.rasterKey!);
    expect(raster!.subarray(1, 4).toString('latin1')).toBe('PNG');
    const brand = await getStorefrontBrand(shop.db, shop.storefront);
    expect(brand.logo?.mime).toBe('image/svg+xml');
    expect(brand.rasterLogo).toMatchObject({ key: logo!.rasterKey, mime: 'image/png' });
    expect((await getInvoicePdfBrand(shop.db, shop.storefront)).logoUrl).toBe(`data:image/png;base64,${raster!.toString('base64')}`);
  });

  it('an SVG logo without a PNG copy leaves the PDF with the name only', async () => {
    await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'));
    const logo = await logoOf();
    await shop.db.update(storefrontSettings).set({ value: { ...logo!, rasterKey: null } }).where(eq(storefrontSettings.key, 'branding.logo'));
    expect(await getInvoicePdfBrand(shop.db, shop.storefront)).toEqual({ name: 'Shop', brandColor: shop.storefront.brandColor, logoUrl: null });
  });

  it('moves a logo stored inline by an earlier release (data: URL) into file storage on first read', async () => {
    const png = tinyPng();
    const legacy = { dataUrl: `data:image/png;base64,${png.toString('base64')}`, bytes: png.length, sha256: 'a'.repeat(64) };
    await shop.db.insert(storefrontSettings).values({ key: 'branding.logo', value: legacy });
    const brand = await getStorefrontBrand(shop.db, shop.storefront);
    expect(brand.logo?.key).toMatch(/^shop\/branding\/logo-[0-9a-f]{64}\.png$/);
    expect(await getFileStore().get(brand.logo!.key)).toEqual(png);
    const moved = await logoOf();
    expect(moved).toMatchObject({ key: brand.logo!.key, mime: 'image/png', bytes: png.length, rasterKey: null });
    expect(moved!.sha256).not.toBe('a'.repeat(64));
    // The PDF keeps its logo through the move.
    expect((await getInvoicePdfBrand(shop.db, shop.storefront)).logoUrl).toBe(legacy.dataUrl);
    // Nothing for staff to audit: the image did not change, only where it is kept.
    expect(await audits()).toHaveLength(0);
  });

  it('keeps a favicon beside the logo, each under its own name', async () => {
    await upload(tinyPng(), 'favicon');
    const { favicon, logo } = await getBrandingSettings(shop.db);
    expect(logo).toBeNull();
    expect(favicon?.key).toMatch(/^shop\/branding\/favicon-[0-9a-f]{64}\.png$/);
    expect((await getStorefrontBrand(shop.db, shop.storefront)).favicon?.path).toMatch(/^\/api\/brand-assets\/favicon-[0-9a-f]{64}\.png$/);
    expect((await audits())[0]).toMatchObject({ before: { favicon: null }, after: { favicon: { mime: 'image/png' } } });
  });
});
