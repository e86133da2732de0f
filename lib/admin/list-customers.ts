import { desc, like, or } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { customers } from '@/db/schema/storefront';

export const customerSearchSchema = z.object({ q: z.string().trim().max(100).optional().catch(undefined) });

/** Newest customers first, optionally matching an email, name or customer id fragment. */
export async function listCustomers(db: SfDb, q: string | undefined, limit = 100) {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select({
      id: customers.id,
      publicId: customers.publicId,
      name: customers.name,
      email: customers.email,
      country: customers.country,
      status: customers.status,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(pattern ? or(like(customers.email, pattern), like(customers.name, pattern), like(customers.publicId, pattern)) : undefined)
    .orderBy(desc(customers.id))
    .limit(limit);
}
