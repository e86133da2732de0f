import { eq } from 'drizzle-orm';
import type { CentralHandle } from '@/lib/db/connection';
import { resellerPrograms, resellers, type Reseller, type ResellerProgram } from '@/db/schema/central';

/**
 * The reseller that owns a storefront, with its program; null for the retail storefront and any storefront made
 * outside the reseller line (storefront:create). A storefront has at most one (resellers.storefront_id is unique).
 */
export async function findStorefrontReseller(central: CentralHandle, storefrontId: number): Promise<{ reseller: Reseller; program: ResellerProgram } | null> {
  const [row] = await central
    .select({ reseller: resellers, program: resellerPrograms })
    .from(resellers)
    .innerJoin(resellerPrograms, eq(resellerPrograms.id, resellers.programId))
    .where(eq(resellers.storefrontId, storefrontId))
    .limit(1);
  return row ?? null;
}
