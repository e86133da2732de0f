import { eq } from 'drizzle-orm';
import type { Storefront } from '@/db/schema/central';
import { resellerPrograms } from '@/db/schema/central';
import { getCentralDb } from '@/lib/db/central';
import type { StorefrontDb } from '@/lib/db/connection';
import { saveResellerProgram } from '@/lib/resellers/programs/save-reseller-program';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';

export const TEST_APP_DOMAIN = 'resellers.test';

export interface Platform {
  platform: Storefront;
  platformDb: StorefrontDb;
  programId: number;
}

/**
 * The operator's retail storefront ("platform" on platform.test) and a reseller program "standard" (USD 29.00 and
 * EUR 27.00 a month, suspension after 14 unpaid days). Call after setupTestEnv with APP_DOMAIN set to TEST_APP_DOMAIN.
 */
export async function setupPlatform(): Promise<Platform> {
  const platform = await createStorefront({ slug: 'platform', name: 'Platform Hosting', domain: 'platform.test', kind: 'retail' });
  await saveResellerProgram(getCentralDb(), {
    input: { slug: 'standard', name: 'Standard', active: true, unpaidDaysBeforeSuspension: 14, fees: [{ currency: 'USD', monthlyFeeMinor: 2900 }, { currency: 'EUR', monthlyFeeMinor: 2700 }] },
    actor: { type: 'system', label: 'test' },
  });
  const [program] = await getCentralDb().select().from(resellerPrograms).where(eq(resellerPrograms.slug, 'standard'));
  return { platform, platformDb: openStorefrontDb(platform), programId: program!.id };
}
