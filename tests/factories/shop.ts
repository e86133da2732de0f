import type { Storefront } from '@/db/schema/central';
import type { StorefrontDb } from '@/lib/db/connection';
import { saveCommerceSettings, type CommerceSettings } from '@/lib/settings/commerce-settings';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import type { CreateStorefrontInput } from '@/lib/tenancy/schemas';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupTestEnv, type TestEnv } from '../helpers/test-env';
import { seedTestCatalog } from './catalog';

/** The commerce settings a shop gets unless the test passes its own: a German seller with numbered invoices. */
export const SHOP_COMMERCE: Partial<CommerceSettings> = { sellerCountry: 'DE', sellerName: 'Shop GmbH', invoiceNumberFormat: 'INV-{YYYY}-{SEQ:6}' };

export interface Shop {
  t: TestEnv;
  db: StorefrontDb;
  storefrontId: number;
  storefront: Storefront;
}

/**
 * A fresh test environment with one storefront "shop" (shop.test), the demo catalog and commerce settings.
 * `commerce` replaces SHOP_COMMERCE entirely; `kind` is the storefront's kind (createStorefront's default if left out).
 */
export async function setupShop(opts: { kind?: CreateStorefrontInput['kind']; commerce?: Partial<CommerceSettings> } = {}): Promise<Shop> {
  const t = await setupTestEnv();
  try {
    const storefront = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test', ...(opts.kind ? { kind: opts.kind } : {}) });
    const db = openStorefrontDb(storefront);
    await seedTestCatalog(db);
    await saveCommerceSettings(db, opts.commerce ?? SHOP_COMMERCE);
    return { t, db, storefrontId: storefront.id, storefront };
  } catch (err) {
    // The caller never gets `t` to clean up, so drop the half-built environment here.
    await t.cleanup();
    throw err;
  }
}
