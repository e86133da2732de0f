import { eq } from 'drizzle-orm';
import { customers } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';

/** The customer with this email (trimmed, any case), or a not_found AppError naming it. */
export async function getCustomerByEmailOrThrow(db: SfDb, email: string) {
  const [customer] = await db.select().from(customers).where(eq(customers.email, email.trim().toLowerCase())).limit(1);
  if (!customer) throw new AppError('not_found', `No customer with email ${email}.`);
  return customer;
}
