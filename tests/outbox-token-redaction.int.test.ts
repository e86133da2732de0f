import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { customers, emailOutbox } from '@/db/schema/storefront';
import { createCustomer } from '@/lib/customers/create-customer';
import { completePasswordReset, requestPasswordReset } from '@/lib/customers/password-reset';
import { sendOutboxEmail } from '@/lib/email/send-outbox-email';
import type { SandboxHandle } from '@/sandbox/server';
import { inviteStaff } from '@/lib/staff/invite-staff';
import { setupShop, type Shop } from './factories/shop';
import { startTestSandbox } from './helpers/sandbox';

// #15 item 9: the outbox keeps what was sent for support's sake, but a one-time link in it is a live credential for
// anyone who can read that table (a backup, a replica, a support screen). Once the mail has left, the token goes.

let shop: Shop;
let sandbox: SandboxHandle;
const system = { type: 'system' as const, label: 'test' };

beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = await setupShop();
});
afterAll(async () => {
  await shop?.t.cleanup();
  await sandbox?.close();
});

async function inbox(to: string): Promise<{ html: string | null; text: string | null }[]> {
  const res = await fetch(`${sandbox.url}/mail/api/messages?to=${encodeURIComponent(to)}`);
  return (await res.json()) as { html: string | null; text: string | null }[];
}
const latestOutbox = async (to: string) => (await shop.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(desc(emailOutbox.id)).limit(1))[0]!;
const tokenIn = (url: unknown) => new URL(String(url)).searchParams.get('token')!;

describe('one-time links in the outbox', () => {
  it('a sent password reset keeps no token in its outbox row, though the delivered mail had it, and the link still works', async () => {
    const email = 'reset-me@example.com';
    await createCustomer(shop.db, { input: { email, name: 'Rita Reset', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
    await requestPasswordReset(shop.db, { storefrontId: shop.storefrontId, email, ip: null });
    const queued = await latestOutbox(email);
    const token = tokenIn(queued.props.url);
    expect(token.length).toBeGreaterThan(20);

    expect(await sendOutboxEmail(shop.db, shop.storefront, queued.id)).toBe('sent');
    const [delivered] = await inbox(email);
    expect(delivered!.html).toContain(token);
    expect(delivered!.text).toContain(token);

    const sent = await latestOutbox(email);
    expect(sent.status).toBe('sent');
    expect(JSON.stringify(sent)).not.toContain(token);
    expect(sent.html).toContain('token=redacted');
    expect(sent.text).toContain('token=redacted');
    expect(String(sent.props.url)).toMatch(/\/reset-password\?token=redacted$/);

    // Only the stored copy lost it: the customer's link works.
    const hashOf = async () => (await shop.db.select({ hash: customers.passwordHash }).from(customers).where(eq(customers.email, email)))[0]!.hash;
    const before = await hashOf();
    await completePasswordReset(shop.db, { input: { token, newPassword: 'Another-Horse-43' }, ip: null });
    expect(await hashOf()).not.toBe(before);
  });

  it('a sent staff invitation keeps no token either', async () => {
    const email = 'new-staff@example.com';
    await inviteStaff(shop.db, { storefrontId: shop.storefrontId, input: { email, name: 'Nina New', role: 'support' }, actor: { type: 'staff', id: 1, label: 'boss@example.com', role: 'owner' } });
    const queued = await latestOutbox(email);
    const token = tokenIn(queued.props.acceptUrl);
    expect(await sendOutboxEmail(shop.db, shop.storefront, queued.id)).toBe('sent');
    expect((await inbox(email))[0]!.html).toContain(token);
    expect(JSON.stringify(await latestOutbox(email))).not.toContain(token);
  });
});
