import { eq } from 'drizzle-orm';
import { services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** The internal id of the service a form or URL names by its public id; null when there is none. */
export async function findServiceId(db: SfDb, opts: { publicId: string }): Promise<number | null> {
  const [svc] = await db.select({ id: services.id }).from(services).where(eq(services.publicId, opts.publicId));
  return svc?.id ?? null;
}
