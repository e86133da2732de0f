import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { invoices, passkeys, paymentDisputes, paymentTransactions } from '@/db/schema/storefront';
import { createSession } from '@/lib/auth/sessions';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { listDisputePage, parseDisputeFilter } from '@/lib/payments/admin/dispute-filter';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { PERMISSIONS, type Permission, type StaffRole } from '@/lib/staff/permissions';
import { updateRolePermissions } from '@/lib/staff/update-role-permissions';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// The admin disputes pages, rendered as a signed-in staff member of one storefront: only the Next request (Host and
// session cookie) is stood in for; sessions, roles, permissions and the storefront's own database are real.

const request = vi.hoisted(() => ({ host: '', token: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_admin_session' && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));

const { default: DisputesPage } = await import('@/app/admin/(shell)/payments/disputes/page');
const { default: DisputePage } = await import('@/app/admin/(shell)/payments/disputes/[id]/page');
const { default: InvoicePage } = await import('@/app/admin/(shell)/invoices/[id]/page');
const { PermissionDenied } = await import('@/app/admin/(shell)/permission-denied');

let t: TestEnv;
let shop: { id: number; db: StorefrontDb };
let other: { id: number; db: StorefrontDb };
const system = { type: 'system' as const, label: 'test' };
const party = { name: 'X', company: null, email: null, addressLines: [], country: 'DE', taxId: null };
const disputes: Record<string, string> = {};
const DUE = new Date('2030-05-07T23:59:59.000Z');

/** A paid 10.00 EUR invoice with its Stripe charge and a dispute of it, straight into the storefront's tables. */
async function disputed(db: StorefrontDb, key: string, dispute: Partial<typeof paymentDisputes.$inferInsert>) {
  const c = await createCustomer(db, { input: { email: `${key}@example.com`, name: key, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const [inv] = await db.insert(invoices).values({
    publicId: `inv_${key}`, customerId: c.id, number: `INV-${key.toUpperCase()}`, status: 'paid', currency: 'EUR', taxInclusive: false,
    subtotalMinor: 1000, taxMinor: 0, totalMinor: 1000, paidMinor: 1000, buyer: party, seller: party, issuedAt: new Date(), dueOn: '2030-04-01', disputedAt: new Date(),
  });
  const [txn] = await db.insert(paymentTransactions).values({
    publicId: `txn_${key}`, customerId: c.id, invoiceId: inv.insertId, gateway: 'stripe', kind: 'charge', flow: 'hosted', status: 'succeeded', currency: 'EUR', amountMinor: 1000, gatewayPaymentId: `pi_${key}`, idempotencyKey: `txn_${key}`,
  });
  disputes[key] = `dsp_${key}`;
  await db.insert(paymentDisputes).values({
    publicId: `dsp_${key}`, gateway: 'stripe', gatewayDisputeId: `dp_${key}`, customerId: c.id, transactionId: txn.insertId, invoiceId: inv.insertId,
    amountMinor: 1000, currency: 'EUR', reason: 'fraudulent', status: 'needs_response', gatewayStatus: 'needs_response', evidenceDueBy: DUE, gatewayAsOf: new Date(), openedAt: new Date(),
    ...dispute,
  });
}

async function signInAs(role: StaffRole): Promise<void> {
  const s = await createStaffUser(shop.db, { storefrontId: shop.id, input: { email: `${role}-${Date.now()}@shop.test`, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
  await shop.db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
  request.token = (await createSession(shop.db, { principalType: 'staff', principalId: s.id })).token;
}

/** Server components (async ones included) to HTML, once everything has resolved. */
async function html(el: ReactElement): Promise<string> {
  const stream = await renderToReadableStream(el);
  await stream.allReady;
  return (await new Response(stream).text()).replaceAll("<!-- -->", "");
}

const deniedPermission = (el: ReactElement): Permission | null => (el.type === PermissionDenied ? (el.props as { permission: Permission }).permission : null);

beforeAll(async () => {
  t = await setupTestEnv();
  const a = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  const b = await createStorefront({ slug: 'other', name: 'Other', domain: 'other.test' });
  shop = { id: a.id, db: openStorefrontDb(a) };
  other = { id: b.id, db: openStorefrontDb(b) };
  await disputed(shop.db, 'soon', { evidenceDueBy: new Date('2030-05-01T23:59:59.000Z') });
  await disputed(shop.db, 'later', { status: 'under_review', gatewayStatus: 'under_review' });
  await disputed(shop.db, 'won', { status: 'closed', outcome: 'won', gatewayStatus: 'won', closedAt: new Date('2030-03-01T00:00:00Z') });
  await disputed(shop.db, 'lost', { status: 'closed', outcome: 'lost', gatewayStatus: 'lost', closedAt: new Date('2030-03-02T00:00:00Z'), chargedBackMinor: 1000 });
  await disputed(other.db, 'theirs', {});
  request.host = 'admin.shop.test';
  // Support staff who may not see billing.
  await updateRolePermissions(shop.db, { role: 'support', permissions: PERMISSIONS.filter((p) => p !== 'billing.view' && p !== 'billing.manage' && p !== 'staff.manage'), actor: system });
});
afterAll(async () => {
  await t.cleanup();
});

describe('admin disputes', () => {
  it('lists open disputes first, the nearest evidence deadline on top, then closed ones, the latest first', async () => {
    const page = await listDisputePage(shop.db, parseDisputeFilter({}).filter);
    expect(page.rows.map((r) => r.publicId)).toEqual(['dsp_soon', 'dsp_later', 'dsp_lost', 'dsp_won']);
    expect((await listDisputePage(shop.db, parseDisputeFilter({ state: 'open' }).filter)).rows.map((r) => r.publicId)).toEqual(['dsp_soon', 'dsp_later']);
    expect((await listDisputePage(shop.db, parseDisputeFilter({ state: 'lost' }).filter)).rows.map((r) => r.publicId)).toEqual(['dsp_lost']);
    expect(parseDisputeFilter({ state: 'maybe' }).problems).toEqual(['State "maybe" ignored: must be open, won or lost.']);
  });

  it('shows staff with billing.view the list, a dispute and the invoice with its evidence deadline', async () => {
    await signInAs('billing');
    const list = await html(await DisputesPage({ searchParams: Promise.resolve({}) }));
    expect(list).toContain('INV-SOON');
    expect(list).toContain('Evidence due by 2030-05-01 23:59 UTC');
    const detail = await html(await DisputePage({ params: Promise.resolve({ id: disputes.later! }) }));
    expect(detail).toContain('Dispute dp_later');
    expect(detail).toContain('Evidence due by 2030-05-07 23:59 UTC');
    const invoice = await html(await InvoicePage({ params: Promise.resolve({ id: 'inv_soon' }) }));
    expect(invoice).toContain('Needs response');
    expect(invoice).toContain('Evidence due by 2030-05-01 23:59 UTC');
    const lost = await html(await InvoicePage({ params: Promise.resolve({ id: 'inv_lost' }) }));
    expect(lost).toContain('Lost');
    expect(lost).not.toContain('Evidence due by');
  });

  it("answers another storefront's dispute id, or a malformed one, with 404", async () => {
    await signInAs('owner');
    await expect(DisputePage({ params: Promise.resolve({ id: disputes.theirs! }) })).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    await expect(DisputePage({ params: Promise.resolve({ id: 'dsp_nope' }) })).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    await expect(DisputePage({ params: Promise.resolve({ id: "x' OR 1=1" }) })).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    expect(deniedPermission(await DisputePage({ params: Promise.resolve({ id: disputes.soon! }) }))).toBeNull();
  });

  it('refuses staff without billing.view (the permission-denied page, the admin answer to a 403)', async () => {
    await signInAs('support');
    expect(deniedPermission(await DisputesPage({ searchParams: Promise.resolve({}) }))).toBe('billing.view');
    expect(deniedPermission(await DisputePage({ params: Promise.resolve({ id: disputes.soon! }) }))).toBe('billing.view');
    // Refused before the id is even looked at: another store's id gets the same answer, telling nothing.
    expect(deniedPermission(await DisputePage({ params: Promise.resolve({ id: disputes.theirs! }) }))).toBe('billing.view');
  });
});
