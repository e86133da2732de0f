import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { storefronts } from '@/db/schema/central';
import { auditLog } from '@/db/schema/storefront';
import { getCentralDb } from '@/lib/db/central';
import { saveCommerceSettings, getCommerceSettings } from '@/lib/settings/commerce-settings';
import { getPaymentSettings, savePaymentSettings } from '@/lib/settings/payment-settings';
import { getMissingSellerDetails } from '@/lib/settings/seller-details';
import { seedSellerDetails } from '@/lib/setup/seed-seller';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupShop, type Shop } from './factories/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await setupShop({ commerce: {} });
});
afterAll(async () => {
  await shop?.t.cleanup();
});

/** The real operator CLI in a child process, against this file's own databases. */
function cli(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('bin/ezscale', args, { env: { ...process.env, DATABASE_URL: shop.t.centralUrl, REDIS_PREFIX: shop.t.redisPrefix }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number | null; stdout: string; stderr: string };
    return { status: e.status ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('onboarding asks for the seller invoices name', () => {
  it('storefront:create sets the legal name, address, country, VAT number and registration it is given', async () => {
    const r = cli([
      'storefront:create',
      '--slug', 'acme',
      '--name', 'Acme Hosting',
      '--domain', 'acme.test',
      '--legal-name', 'Acme Hosting B.V.',
      '--address', 'Serverstraat 1; 1011 AB Amsterdam',
      '--country', 'nl',
      '--vat-id', 'NL000099998B57',
      '--registration-number', 'KvK 12345678',
      '--registered-at', 'Kamer van Koophandel',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ slug: 'acme', sellerDetails: expect.arrayContaining(['sellerName', 'sellerAddressLines', 'sellerCountry', 'sellerTaxId']) });
    const [sf] = await getCentralDb().select().from(storefronts).where(eq(storefronts.slug, 'acme'));
    const db = openStorefrontDb(sf!);
    expect(await getCommerceSettings(db)).toMatchObject({
      sellerName: 'Acme Hosting B.V.',
      sellerAddressLines: ['Serverstraat 1', '1011 AB Amsterdam'],
      sellerCountry: 'NL',
      sellerTaxId: 'NL000099998B57',
      sellerRegistrationNumber: 'KvK 12345678',
      sellerRegistrationPlace: 'Kamer van Koophandel',
    });
    expect(await getMissingSellerDetails(db)).toEqual([]);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'settings.commerce.updated'), eq(auditLog.actorLabel, 'cli:storefront:create')));
    expect(audits).toHaveLength(1);
  });

  it('refuses a bad seller flag before creating anything', async () => {
    const r = cli(['storefront:create', '--slug', 'typo', '--name', 'Typo Hosting', '--domain', 'typo.test', '--country', 'Germany']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('sellerCountry must be a two-letter country code');
    expect(await getCentralDb().select().from(storefronts).where(eq(storefronts.slug, 'typo'))).toEqual([]);
  });
});

describe('the demo seed', () => {
  it('gives the storefront complete seller details and bank transfer, once, leaving what the operator set', async () => {
    expect(await getMissingSellerDetails(shop.db)).toEqual(['legal name', 'address', 'country']);
    await saveCommerceSettings(shop.db, { sellerName: 'Operator Hosting Ltd' });
    await seedSellerDetails(shop.db);
    expect(await getCommerceSettings(shop.db)).toMatchObject({ sellerName: 'Operator Hosting Ltd', sellerCountry: 'DE', sellerTaxId: 'DE123456789', sellerRegistrationNumber: 'HRB 234567 B' });
    expect(await getMissingSellerDetails(shop.db)).toEqual([]);
    expect((await getPaymentSettings(shop.db)).bankTransfer).toMatchObject({ enabled: true, instructions: expect.stringContaining('IBAN: DE89 3704 0044 0532 0130 00') });

    await savePaymentSettings(shop.db, { bankTransfer: { enabled: false, instructions: '' } });
    await seedSellerDetails(shop.db);
    expect((await getPaymentSettings(shop.db)).bankTransfer.enabled).toBe(false);
    const settingsAudits = await shop.db.select().from(auditLog).where(and(eq(auditLog.actorLabel, 'seed:demo'), eq(auditLog.targetType, 'settings')));
    expect(settingsAudits.map((a) => a.action).sort()).toEqual(['settings.commerce.updated', 'settings.payments.updated']);
  });
});
