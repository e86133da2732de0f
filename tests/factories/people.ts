import { eq } from 'drizzle-orm';
import { customers } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { createCustomer } from '@/lib/customers/create-customer';
import { createStaffUser } from '@/lib/staff/create-staff-user';

export interface Principal {
  type: 'customer' | 'staff';
  id: number;
}

const actor = { type: 'system' as const, label: 'test' };

/** A customer in Germany (named after the email, its address verified if asked) or a staff owner named Boss, signing in with this password. */
export async function createPerson(
  db: StorefrontDb,
  storefrontId: number,
  opts: { type: Principal['type']; email: string; password: string; emailVerified?: boolean },
): Promise<Principal> {
  const { type, email, password } = opts;
  if (type === 'staff') return { type, id: (await createStaffUser(db, { storefrontId, input: { email, name: 'Boss', password, role: 'owner' }, actor })).id };
  return { type, id: (await createCustomer(db, { input: { email, name: email, password, country: 'DE', emailVerified: opts.emailVerified ?? false }, actor })).id };
}

/** Two customers (ann, bob) and a staff owner (boss), all with the same password. */
export async function createAnnBobAndBoss(db: StorefrontDb, storefrontId: number, password: string) {
  const boss = await createPerson(db, storefrontId, { type: 'staff', email: 'boss@example.com', password });
  return {
    ann: await createPerson(db, storefrontId, { type: 'customer', email: 'ann@example.com', password }),
    bob: await createPerson(db, storefrontId, { type: 'customer', email: 'bob@example.com', password }),
    boss,
  };
}

/** A customer in Germany paying in EUR, with the password the tests sign in with; returns the full row. */
export async function createTestCustomer(db: StorefrontDb, email: string, name: string) {
  const c = await createCustomer(db, { input: { email, name, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor });
  const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
  return row!;
}
