import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers, teamInvites } from '@/db/schema/storefront';
import type { Cart } from '@/lib/cart/schemas';
import { createCustomer } from '@/lib/customers/create-customer';
import { resendVerificationEmail } from '@/lib/customers/resend-verification-email';
import type { StorefrontDb } from '@/lib/db/connection';
import { placeOrder } from '@/lib/orders/place-order';
import { startPasskeyRegistration } from '@/lib/passkeys/register-passkey';
import { relyingPartyFor } from '@/lib/passkeys/relying-party';
import { inviteTeamMember } from '@/lib/teams/invite-team-member';
import { cartItemFor } from './factories/catalog';
import { signedInSession } from './factories/sessions';
import { setupShop } from './factories/shop';
import type { TestEnv } from './helpers/test-env';

// Ordering, adding a passkey and inviting team members commit an account or open it to others: only for people
// who proved the address is theirs. Team invitations are also limited per account.

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };
const unverifiedRefusal = { code: 'forbidden', message: expect.stringMatching(/^Confirm your email address before/) };

let n = 0;
async function person(verified: boolean) {
  n += 1;
  const c = await createCustomer(db, { input: { email: `p${n}@example.com`, name: `P ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR', emailVerified: verified }, actor: system });
  return { ...c, actor: { type: 'customer' as const, id: c.id, label: c.email } };
}

async function cart(): Promise<Cart> {
  return { currency: 'EUR', country: null, items: [{ id: 'a', item: await cartItemFor(db, 'vps-starter', { hostname: 'a.example.com' }) }], couponCodes: [] };
}

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
});
afterAll(async () => {
  await t.cleanup();
});

describe('a verified email address', () => {
  it('is needed to order for oneself; staff and system orders for a customer are not held up', async () => {
    const c = await person(false);
    await expect(placeOrder(db, { storefrontId, customerId: c.id, cart: await cart(), ip: null, actor: c.actor })).rejects.toMatchObject(unverifiedRefusal);
    await expect(placeOrder(db, { storefrontId, customerId: c.id, cart: await cart(), ip: null, actor: system })).resolves.toMatchObject({ orderPublicId: expect.any(String) });
    await db.update(customers).set({ emailVerifiedAt: new Date() }).where(eq(customers.id, c.id));
    await expect(placeOrder(db, { storefrontId, customerId: c.id, cart: await cart(), ip: null, actor: c.actor })).resolves.toMatchObject({ orderPublicId: expect.any(String) });
  });

  it('is needed of the team member who orders for an owner', async () => {
    const owner = await person(true);
    const member = await person(false);
    const asMember = { type: 'team_member' as const, id: member.id, label: `${member.email} for ${owner.email}` };
    await expect(placeOrder(db, { storefrontId, customerId: owner.id, cart: await cart(), ip: null, actor: asMember })).rejects.toMatchObject(unverifiedRefusal);
  });

  it('is needed to invite team members', async () => {
    const c = await person(false);
    await expect(inviteTeamMember(db, { storefrontId, ownerId: c.id, input: { email: 'friend@example.com', permissions: ['services.view'] }, actor: c.actor })).rejects.toMatchObject(
      unverifiedRefusal,
    );
    expect(await db.select().from(teamInvites).where(eq(teamInvites.ownerId, c.id))).toHaveLength(0);
  });

  it('is needed to add a passkey', async () => {
    const c = await person(false);
    const { sessionId } = await signedInSession(db, { type: 'customer', id: c.id });
    const rp = await relyingPartyFor({ host: 'account.shop.test:3000', storefrontId, storefrontName: 'Shop', protocol: 'http' });
    await expect(startPasskeyRegistration(db, { principal: { type: 'customer', id: c.id }, sessionId, storefrontId, rp, userName: c.email, userDisplayName: 'P' })).rejects.toMatchObject(
      unverifiedRefusal,
    );
  });

  it('can be asked for again: a new link to the customer’s own address, limited per hour', async () => {
    const c = await person(false);
    for (let i = 0; i < 3; i++) await expect(resendVerificationEmail(db, { storefrontId, customerId: c.id, actor: c.actor })).resolves.toEqual({ email: c.email });
    await expect(resendVerificationEmail(db, { storefrontId, customerId: c.id, actor: c.actor })).rejects.toMatchObject({ code: 'rate_limited' });
    const verified = await person(true);
    await expect(resendVerificationEmail(db, { storefrontId, customerId: verified.id, actor: verified.actor })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('team invitations', () => {
  it('are limited to 10 an hour per account: the 11th is refused', async () => {
    const owner = await person(true);
    for (let i = 1; i <= 10; i++) {
      await inviteTeamMember(db, { storefrontId, ownerId: owner.id, input: { email: `invitee${i}@example.com`, permissions: ['services.view'] }, actor: owner.actor });
    }
    await expect(inviteTeamMember(db, { storefrontId, ownerId: owner.id, input: { email: 'invitee11@example.com', permissions: ['services.view'] }, actor: owner.actor })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(await db.select().from(teamInvites).where(eq(teamInvites.ownerId, owner.id))).toHaveLength(10);
    // Another account's allowance is its own.
    const other = await person(true);
    await expect(inviteTeamMember(db, { storefrontId, ownerId: other.id, input: { email: 'invitee1@example.com', permissions: ['services.view'] }, actor: other.actor })).resolves.toMatchObject({
      inviteId: expect.any(Number),
    });
  });
});
