import { eq } from 'drizzle-orm';
import type { CentralHandle } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { resellers, type Reseller } from '@/db/schema/central';

/** A reseller by its public id (rsl_…); a 404 AppError when there is none. */
export async function getResellerOrThrow(central: CentralHandle, publicId: string): Promise<Reseller> {
  const [row] = /^rsl_[0-9a-z]{10,30}$/.test(publicId) ? await central.select().from(resellers).where(eq(resellers.publicId, publicId)).limit(1) : [];
  if (!row) throw new AppError('not_found', 'That reseller does not exist.');
  return row;
}
