import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, creditLedger, invoices, provisioningRequests, serviceChanges, services, type Service } from '@/db/schema/storefront';
import { staffChangeServicePlan } from '@/lib/billing/staff-change-plan';
import { staffServiceAction } from '@/lib/billing/staff-service-action';
import { createCustomer } from '@/lib/customers/create-customer';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { planOrThrow } from './factories/catalog';
import { setupShop, type Shop } from './factories/shop';
import { appErrorFields, expectAppError } from './helpers/expect-app-error';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const mid = new Date('2026-04-16T10:00:00Z');

let n = 0;
/** An active monthly EUR service paid on 1 April 2026, so its period is [1 April, 1 May): 30 days. */
async function paidService(planSlug: string): Promise<Service> {
  n += 1;
  const email = `staff-plan${n}@example.com`;
  await createCustomer(shop.db, { input: { email, name: `Payer ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const created = await createPaidService(shop.db, { storefrontId: shop.storefrontId, customerEmail: email, planSlug, cycle: 'monthly', start: new Date('2026-04-01T09:00:00Z'), actor: system });
  const [svc] = await shop.db.select().from(services).where(eq(services.publicId, created.servicePublicId));
  return svc!;
}

const change = (serviceId: number, input: { planSlug: string; billing: 'prorate' | 'none'; note?: string }) =>
  staffChangeServicePlan(shop.db, { input: { serviceId, note: 'Customer asked on the phone', ...input }, actor: staff, storefrontId: shop.storefrontId, now: mid });

const serviceById = async (id: number) => (await shop.db.select().from(services).where(eq(services.id, id)))[0]!;
const invoicesOf = (customerId: number) => shop.db.select().from(invoices).where(eq(invoices.customerId, customerId));
const changesOf = (serviceId: number) => shop.db.select().from(serviceChanges).where(eq(serviceChanges.serviceId, serviceId));
const auditRows = (action: string, targetId: string) => shop.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
const changePackageRequests = (serviceId: number) =>
  shop.db
    .select()
    .from(provisioningRequests)
    .where(and(eq(provisioningRequests.serviceId, serviceId), eq(provisioningRequests.action, 'change_package')));
const planId = async (slug: string) => (await planOrThrow(shop.db, slug)).id;
const eurMonthly = async (slug: string) => (await planOrThrow(shop.db, slug)).prices.find((p) => p.currency === 'EUR' && p.cycle === 'monthly')!.amountMinor;

let supportStaff: { type: 'staff'; id: number; label: string };

beforeAll(async () => {
  shop = await setupShop({ kind: 'retail' });
  // Staff id 1 is the owner the `staff` actor stands for; support may manage services but not billing.
  await createStaffUser(shop.db, { storefrontId: shop.storefrontId, input: { email: 'boss@example.com', name: 'Boss', password: 'Correct-Horse-Battery-9', role: 'owner' }, actor: system });
  const support = await createStaffUser(shop.db, { storefrontId: shop.storefrontId, input: { email: 'support@example.com', name: 'Sam', password: 'Correct-Horse-Battery-9', role: 'support' }, actor: system });
  supportStaff = { type: 'staff', id: support.id, label: 'support@example.com' };
});
afterAll(async () => {
  await shop?.t.cleanup();
});

describe('staff change plan', () => {
  it('prorates an upgrade exactly as the customer would: invoiced, pending until paid, and blocks a second change', async () => {
    const svc = await paidService('vps-starter');
    const invoicesBefore = (await invoicesOf(svc.customerId)).length;
    const res = await change(svc.id, { planSlug: 'vps-standard', billing: 'prorate' });
    expect(res).toMatchObject({ billing: 'prorate', status: 'pending', creditedMinor: 0 });
    expect(res.preview).toMatchObject({ kind: 'upgrade', amountMinor: 250, taxMinor: 48, totalMinor: 298, newRecurringMinor: 1100 });

    const all = await invoicesOf(svc.customerId);
    expect(all).toHaveLength(invoicesBefore + 1);
    const inv = all.find((i) => i.publicId === res.invoicePublicId);
    expect(inv).toMatchObject({ status: 'unpaid', subtotalMinor: 250, taxMinor: 48, totalMinor: 298, currency: 'EUR' });
    expect(await serviceById(svc.id)).toMatchObject({ planId: svc.planId, recurringMinor: 600 });
    const [pending] = await changesOf(svc.id);
    expect(pending).toMatchObject({ status: 'pending', kind: 'upgrade', amountMinor: 250, invoiceId: inv!.id });
    const [requested] = await auditRows('service.plan_change_requested', svc.publicId);
    expect(requested).toMatchObject({ actorType: 'staff', actorLabel: 'boss@example.com', after: expect.objectContaining({ note: 'Customer asked on the phone' }) });
    expect(await changePackageRequests(svc.id)).toHaveLength(0);

    // One pending change per service, whichever billing staff pick.
    await expectAppError(change(svc.id, { planSlug: 'vps-performance', billing: 'none' }), 'conflict', new RegExp(`waiting for payment of invoice ${res.invoicePublicId}`));
    await expectAppError(change(svc.id, { planSlug: 'vps-performance', billing: 'prorate' }), 'conflict', /already waiting/);
    expect(await changesOf(svc.id)).toHaveLength(1);
    expect(await invoicesOf(svc.customerId)).toHaveLength(invoicesBefore + 1);
  });

  it('applies a no-charge change at once: new plan and price, no invoice, note in the audit row, panel asked to follow', async () => {
    const svc = await paidService('vps-standard');
    const invoicesBefore = (await invoicesOf(svc.customerId)).length;
    const pro = await eurMonthly('vps-pro');
    const res = await change(svc.id, { planSlug: 'vps-pro', billing: 'none', note: '  Goodwill upgrade after outage #42  ' });
    expect(res).toMatchObject({ billing: 'none', status: 'applied', invoicePublicId: null, creditedMinor: 0 });
    expect(res.preview).toMatchObject({ kind: 'upgrade', newRecurringMinor: pro, periodEnd: '2026-05-01' });

    const after = await serviceById(svc.id);
    expect(after).toMatchObject({ planId: await planId('vps-pro'), recurringMinor: pro, nextDueOn: '2026-05-01', status: 'active' });
    expect(after.label).toMatch(/^VPS Pro/);
    expect(await invoicesOf(svc.customerId)).toHaveLength(invoicesBefore);
    const [applied] = await changesOf(svc.id);
    expect(applied).toMatchObject({ status: 'applied', pendingServiceId: null, kind: 'upgrade', amountMinor: 0, invoiceId: null, fromRecurringMinor: 1100, toRecurringMinor: pro });

    const audits = await auditRows('service.plan_changed', svc.publicId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: 'staff',
      actorId: 1,
      actorLabel: 'boss@example.com',
      before: { planId: svc.planId, recurringMinor: 1100 },
      after: expect.objectContaining({ planId: await planId('vps-pro'), recurringMinor: pro, note: 'Goodwill upgrade after outage #42' }),
    });
    expect(await changePackageRequests(svc.id)).toHaveLength(1);
  });

  it('gives no credit on a no-charge downgrade, even when the store credits downgrades', async () => {
    const svc = await paidService('vps-standard');
    const res = await change(svc.id, { planSlug: 'vps-starter', billing: 'none' });
    expect(res).toMatchObject({ status: 'applied', creditedMinor: 0 });
    expect(res.preview.kind).toBe('downgrade');
    expect(await serviceById(svc.id)).toMatchObject({ planId: await planId('vps-starter'), recurringMinor: 600 });
    expect(await shop.db.select().from(creditLedger).where(eq(creditLedger.customerId, svc.customerId))).toHaveLength(0);
    expect(await changePackageRequests(svc.id)).toHaveLength(1);
  });

  it('refuses a plan the service may not move to, and a service that is not active', async () => {
    const svc = await paidService('vps-starter');
    for (const planSlug of ['web-starter', 'no-such-plan', 'vps-starter']) {
      await expectAppError(change(svc.id, { planSlug, billing: 'none' }), 'bad_request', /not offered for this service/);
      expect(await appErrorFields(change(svc.id, { planSlug, billing: 'none' }))).toHaveProperty('planSlug');
    }
    await expectAppError(change(999_999, { planSlug: 'vps-standard', billing: 'none' }), 'not_found');

    const suspended = await paidService('vps-starter');
    await staffServiceAction(shop.db, { input: { serviceId: suspended.id, action: 'suspend', reason: 'staff', note: 'test suspend' }, actor: staff });
    await expectAppError(change(suspended.id, { planSlug: 'vps-standard', billing: 'none' }), 'conflict', /suspended/);

    for (const s of [svc, suspended]) {
      expect(await changesOf(s.id)).toHaveLength(0);
      expect(await serviceById(s.id)).toMatchObject({ planId: s.planId, recurringMinor: s.recurringMinor });
    }
  });

  it('a change without charge needs billing.manage besides services.manage; a prorated one does not', async () => {
    const svc = await paidService('vps-starter');
    const asSupport = (billing: 'prorate' | 'none') =>
      staffChangeServicePlan(shop.db, { input: { serviceId: svc.id, planSlug: 'vps-standard', billing, note: 'Customer asked on the phone' }, actor: supportStaff, storefrontId: shop.storefrontId, now: mid });
    await expectAppError(asSupport('none'), 'forbidden', /issue invoices, refunds and credits/);
    expect(await changesOf(svc.id)).toHaveLength(0);
    expect(await serviceById(svc.id)).toMatchObject({ planId: svc.planId, recurringMinor: 600 });
    await expect(asSupport('prorate')).resolves.toMatchObject({ billing: 'prorate', status: 'pending' });
  });

  it('answers bad input with field errors and writes nothing', async () => {
    const svc = await paidService('vps-starter');
    const fields = await appErrorFields(
      staffChangeServicePlan(shop.db, { input: { serviceId: svc.id, planSlug: 'Not A Slug!', billing: 'free' as 'none', note: ' x ' }, actor: staff, storefrontId: shop.storefrontId, now: mid }),
    );
    expect(Object.keys(fields).sort()).toEqual(['billing', 'note', 'planSlug']);
    await expectAppError(staffChangeServicePlan(shop.db, { input: { serviceId: 'abc', planSlug: 'vps-standard', billing: 'none', note: 'fine note' }, actor: staff, storefrontId: shop.storefrontId }), 'bad_request');
    await expectAppError(change(svc.id, { planSlug: 'vps-standard', billing: 'none', note: 'y'.repeat(501) }), 'bad_request', /highlighted/);
    expect(await changesOf(svc.id)).toHaveLength(0);
    expect(await auditRows('service.plan_changed', svc.publicId)).toHaveLength(0);
    expect(await auditRows('service.plan_change_requested', svc.publicId)).toHaveLength(0);
    expect(await serviceById(svc.id)).toMatchObject({ planId: svc.planId, recurringMinor: 600 });
  });
});
