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

/** Two customers (ann, bob) and a staff owner (boss), all with the same password. */
export async function createAnnBobAndBoss(db: StorefrontDb, storefrontId: number, password: string) {
  const customer = async (email: string): Promise<Principal> => ({
    type: 'customer',
    id: (await createCustomer(db, { input: { email, name: email, password, country: 'DE' }, actor })).id,
  });
  const staff = await createStaffUser(db, { storefrontId, input: { email: 'boss@example.com', name: 'Boss', password, role: 'owner' }, actor });
  return {
    ann: await customer('ann@example.com'),
    bob: await customer('bob@example.com'),
    boss: { type: 'staff', id: staff.id } as Principal,
  };
}

/** A customer in Germany paying in EUR, with the password the tests sign in with; returns the full row. */
export async function createTestCustomer(db: StorefrontDb, email: string, name: string) {
  const c = await createCustomer(db, { input: { email, name, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor });
  const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
  return row!;
}
