import { eq } from 'drizzle-orm';
import { currencies, type Currency } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';

/** A currency of this storefront by its code, enabled or not; null when the storefront has no such currency. */
export async function findCurrency(db: SfDb, opts: { code: string }): Promise<Currency | null> {
  const [row] = await db.select().from(currencies).where(eq(currencies.code, opts.code));
  return row ?? null;
}
