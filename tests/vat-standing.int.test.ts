import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { adminAlerts, auditLog, customers, invoiceLines, invoices, passkeys, serviceBillingPeriods, services, type Customer } from '@/db/schema/storefront';
import { createSession } from '@/lib/auth/sessions';
import { previewPlanChange, requestPlanChange } from '@/lib/billing/change-service-plan';
import { getPlanChangeChoices } from '@/lib/billing/plan-change-choices';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { createCustomer } from '@/lib/customers/create-customer';
import { checkVatNumberNow } from '@/lib/customers/check-vat-number-now';
import { createDraftInvoice, issueDraftInvoice, saveDraftLines } from '@/lib/invoices/manual-invoice';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import type { StaffRole } from '@/lib/staff/permissions';
import { revalidateStaleVatStandings } from '@/lib/tax/revalidate-vat-standings';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { SandboxHandle } from '@/sandbox/server';
import { revalidateVatNumbersJob } from '@/jobs/revalidate-vat-numbers';
import { setupShop, SHOP_COMMERCE, type Shop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import { startTestSandbox } from './helpers/sandbox';

// VAT number standings kept per customer and used by every tax decision: checkout, renewals, plan changes and
// manual invoices, the hourly revalidation and staff's "Check now". VIES is the sandbox simulator, told over HTTP
// to deregister a number or to fail.

const request = vi.hoisted(() => ({ host: '', token: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_admin_session' && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { checkVatNumberAction } = await import('@/app/admin/(shell)/customers/[id]/actions');

let shop: Shop;
let sandbox: SandboxHandle;
const system = { type: 'system' as const, label: 'test' };
const DAY = 86_400_000;

const vies = {
  control: (name: string, body: unknown) => fetch(`${sandbox.url}/vies/_control/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  checks: async (): Promise<Record<string, number>> => ((await (await fetch(`${sandbox.url}/vies/_control/state`)).json()) as { checks: Record<string, number> }).checks,
};
const checksOf = async (numbers: string[]) => {
  const all = await vies.checks();
  return Object.fromEntries(numbers.map((n) => [n, all[n] ?? 0]));
};

let n = 0;
/** A French business (another member state than the German seller) with a VAT number of its own. */
async function frenchBusiness(): Promise<{ customer: Customer; number: string }> {
  n += 1;
  const number = `FR${String(n).padStart(2, '0')}${123456780 + n}`;
  const c = await createCustomer(shop.db, { input: { email: `b${n}@example.fr`, name: `Business ${n}`, password: 'Correct-Horse-42', country: 'FR', currency: 'EUR' }, actor: system });
  await shop.db.update(customers).set({ company: `Société ${n} SARL`, taxId: number }).where(eq(customers.id, c.id));
  return { customer: await customerRow(c.id), number };
}
const customerRow = async (id: number) => (await shop.db.select().from(customers).where(eq(customers.id, id)))[0]!;
const serviceOf = async (customerId: number) => (await shop.db.select().from(services).where(eq(services.customerId, customerId)))[0]!;
const standingAudits = (customer: Customer, action = 'customer.vat_standing.changed') =>
  shop.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, customer.publicId)));

/** The renewal invoice of the service's period starting on its current next due date. */
async function renewalInvoice(serviceId: number, periodStart: string) {
  const [period] = await shop.db.select().from(serviceBillingPeriods).where(and(eq(serviceBillingPeriods.serviceId, serviceId), eq(serviceBillingPeriods.periodStart, periodStart)));
  const [inv] = await shop.db.select().from(invoices).where(eq(invoices.id, period!.invoiceId));
  const lines = await shop.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id));
  return { inv: inv!, lines };
}

/** A paid monthly VPS ordered on `start`: the checkout checks the number with VIES and stores the standing. */
async function paidVps(customer: Customer, start: Date) {
  await createPaidService(shop.db, { storefrontId: shop.storefrontId, customerEmail: customer.email, planSlug: 'vps-starter', cycle: 'monthly', start, actor: system });
  return serviceOf(customer.id);
}

/** Keeps later billing passes in this file from renewing a test's services again. */
async function retire(...people: Customer[]) {
  await shop.db.update(services).set({ autoRenew: false }).where(inArray(services.customerId, people.map((c) => c.id)));
}

beforeAll(async () => {
  shop = await setupShop({ commerce: { ...SHOP_COMMERCE, viesEnabled: true, sellerTaxId: 'DE123456789' } });
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
  await shop?.t.cleanup();
});
beforeEach(async () => {
  await vies.control('reset', {});
});

describe('checkout', () => {
  it('stores the standing VIES gives, with its consultation number, and audits the change', async () => {
    const { customer, number } = await frenchBusiness();
    const start = new Date('2027-01-10T09:00:00Z');
    const svc = await paidVps(customer, start);
    const [order] = await shop.db.select().from(invoices).where(eq(invoices.customerId, customer.id));
    expect(order).toMatchObject({ reverseCharge: true, taxMinor: 0 });
    expect(await customerRow(customer.id)).toMatchObject({ vatStanding: 'confirmed', vatCheckedNumber: number, vatCheckedAt: start, vatConsultationNumber: expect.stringMatching(/^WAPI/) });
    const [audit] = await standingAudits(customer);
    expect(audit).toMatchObject({ actorType: 'system', actorLabel: 'vies:checkout', before: { standing: 'unchecked', number: null }, after: { standing: 'confirmed', number } });
    await retire(customer);
    expect(svc.status).toBe('active');
  });

  it('charges VAT when VIES is down for a customer it never confirmed (the format alone is not enough)', async () => {
    const { customer } = await frenchBusiness();
    await vies.control('faults', { failNext: 1, failStatus: 503 });
    await paidVps(customer, new Date('2027-01-11T09:00:00Z'));
    const [order] = await shop.db.select().from(invoices).where(eq(invoices.customerId, customer.id));
    expect(order).toMatchObject({ reverseCharge: false });
    expect(order!.taxMinor).toBeGreaterThan(0);
    expect(await customerRow(customer.id)).toMatchObject({ vatStanding: 'unchecked', vatCheckedAt: null, vatCheckFailedAt: new Date('2027-01-11T09:00:00Z') });
    await retire(customer);
  });
});

describe('renewal invoices', () => {
  it('charge VAT once VIES rejects a number it confirmed at checkout', async () => {
    const { customer, number } = await frenchBusiness();
    const svc = await paidVps(customer, new Date('2027-02-01T09:00:00Z'));
    expect((await customerRow(customer.id)).vatStanding).toBe('confirmed');
    await vies.control('numbers', { deregister: [number] });

    await runBillingPass(shop.db, { storefrontId: shop.storefrontId, at: new Date(`${svc.nextDueOn}T06:00:00Z`) });
    const { inv, lines } = await renewalInvoice(svc.id, svc.nextDueOn!);
    expect(inv.reverseCharge).toBe(false);
    expect(lines[0]!.tax).toMatchObject({ basis: 'standard', country: 'FR', rateMilliPercent: 20_000 });
    expect(inv.taxMinor).toBeGreaterThan(0);
    expect(await customerRow(customer.id)).toMatchObject({ vatStanding: 'rejected', vatCheckedNumber: number });
    const changes = await standingAudits(customer);
    expect(changes.map((a) => [a.actorLabel, (a.before as { standing: string }).standing, (a.after as { standing: string }).standing])).toEqual([
      ['vies:checkout', 'unchecked', 'confirmed'],
      ['billing:run', 'confirmed', 'rejected'],
    ]);
    await retire(customer);
  });

  it('with VIES down use each customer’s last known standing, call VIES once or twice and raise one alert', async () => {
    const a = await frenchBusiness();
    const b = await frenchBusiness();
    const never = await frenchBusiness();
    const start = new Date('2027-03-01T09:00:00Z');
    const svcA = await paidVps(a.customer, start);
    const svcB = await paidVps(b.customer, start);
    await vies.control('faults', { failNext: 1 });
    const svcNever = await paidVps(never.customer, start);
    await vies.control('faults', { clear: true, failNext: 1000, failStatus: 503, error: 'SERVICE_UNAVAILABLE' });

    const numbers = [a.number, b.number, never.number];
    const before = await checksOf(numbers);
    const at = new Date(`${svcA.nextDueOn}T06:00:00Z`);
    await runBillingPass(shop.db, { storefrontId: shop.storefrontId, at });
    expect((await renewalInvoice(svcA.id, svcA.nextDueOn!)).inv).toMatchObject({ reverseCharge: true, taxMinor: 0 });
    expect((await renewalInvoice(svcB.id, svcB.nextDueOn!)).inv).toMatchObject({ reverseCharge: true, taxMinor: 0 });
    const neverInv = (await renewalInvoice(svcNever.id, svcNever.nextDueOn!)).inv;
    expect(neverInv.reverseCharge).toBe(false);
    expect(neverInv.taxMinor).toBeGreaterThan(0);

    // Two calls at most go out at once; after the first failure the pass stops asking.
    const after = await checksOf(numbers);
    const calls = numbers.reduce((sum, num) => sum + after[num]! - before[num]!, 0);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(2);
    const alerts = await shop.db.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, `vies-unavailable:${svcA.nextDueOn}`));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ category: 'tax', severity: 'warning', body: expect.stringContaining('SERVICE_UNAVAILABLE') });

    // Another pass the same day, VIES still down: still the one alert.
    await runBillingPass(shop.db, { storefrontId: shop.storefrontId, at: new Date(at.getTime() + 3_600_000) });
    expect(await shop.db.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, `vies-unavailable:${svcA.nextDueOn}`))).toHaveLength(1);
    expect((await customerRow(a.customer.id)).vatStanding).toBe('confirmed');
    await retire(a.customer, b.customer, never.customer);
  });
});

describe('plan changes', () => {
  it('price an upgrade with the standing re-checked when stale', async () => {
    const { customer, number } = await frenchBusiness();
    const start = new Date('2027-05-01T09:00:00Z');
    const svc = await paidVps(customer, start);
    const { options } = await getPlanChangeChoices(shop.db, { servicePublicId: svc.publicId, customerId: customer.id });
    const change = { serviceId: svc.id, customerId: customer.id, planSlug: 'vps-standard', options, storefrontId: shop.storefrontId };
    // Fresh (checked at checkout two days ago): no VIES call, reverse charge.
    const early = await previewPlanChange(shop.db, { ...change, at: new Date(start.getTime() + 2 * DAY) });
    expect(early.taxMinor).toBe(0);
    expect(await checksOf([number])).toEqual({ [number]: 1 });

    await vies.control('numbers', { deregister: [number] });
    const res = await requestPlanChange(shop.db, { ...change, at: new Date(start.getTime() + 10 * DAY), actor: { type: 'customer', id: customer.id, label: customer.email } });
    expect(res.preview.taxMinor).toBeGreaterThan(0);
    const [inv] = await shop.db.select().from(invoices).where(eq(invoices.publicId, res.invoicePublicId!));
    expect(inv).toMatchObject({ reverseCharge: false });
    expect(await customerRow(customer.id)).toMatchObject({ vatStanding: 'rejected' });
    await retire(customer);
  });
});

describe('manual invoices', () => {
  const lines = [{ description: 'Consulting', quantity: 1, unitAmount: '100.00', taxable: true }];

  it('decide tax with the standing re-checked when stale, and refuse to issue a draft priced on a standing that changed', async () => {
    const { customer, number } = await frenchBusiness();
    const now = new Date('2027-06-01T10:00:00Z');
    await checkVatNumberNow(shop.db, { input: { customerPublicId: customer.publicId }, actor: system, storefrontId: shop.storefrontId, now });
    const { invoicePublicId } = await createDraftInvoice(shop.db, { customerId: customer.id, currency: 'EUR', actor: system });
    expect(await saveDraftLines(shop.db, { invoicePublicId, lines, actor: system, now })).toMatchObject({ taxMinor: 0 });

    await vies.control('numbers', { deregister: [number] });
    const later = new Date(now.getTime() + 8 * DAY);
    await expectAppError(issueDraftInvoice(shop.db, { invoicePublicId, dueInDays: 7, storefrontId: shop.storefrontId, actor: system, now: later }), 'conflict', /no longer qualifies/);
    expect(await saveDraftLines(shop.db, { invoicePublicId, lines, actor: system, now: later })).toEqual({ subtotalMinor: 10_000, taxMinor: 2_000, totalMinor: 12_000 });
    const [draft] = await shop.db.select().from(invoices).where(eq(invoices.publicId, invoicePublicId));
    expect(draft).toMatchObject({ reverseCharge: false });
    expect((await issueDraftInvoice(shop.db, { invoicePublicId, dueInDays: 7, storefrontId: shop.storefrontId, actor: system, now: later })).number).toMatch(/^INV-/);
    expect(await checksOf([number])).toEqual({ [number]: 2 });
  });
});

describe('scheduled revalidation', () => {
  it('re-checks only stale standings that can change tax, at most maxChecks a run, and nothing twice', async () => {
    const now = new Date('2027-07-01T03:20:00Z');
    const fresh = await frenchBusiness();
    const stale = await frenchBusiness();
    const changedNumber = await frenchBusiness();
    const never = await frenchBusiness();
    const confirmed = (c: Customer, number: string, checkedAt: Date) =>
      shop.db.update(customers).set({ vatStanding: 'confirmed', vatCheckedNumber: number, vatCheckedAt: checkedAt }).where(eq(customers.id, c.id));
    await confirmed(fresh.customer, fresh.number, new Date(now.getTime() - 1 * DAY));
    await confirmed(stale.customer, stale.number, new Date(now.getTime() - 10 * DAY));
    await confirmed(changedNumber.customer, 'FR99999999999', new Date(now.getTime() - 1 * DAY));
    const domestic = await createCustomer(shop.db, { input: { email: 'heim@example.de', name: 'Heim', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
    await shop.db.update(customers).set({ company: 'Heim GmbH', taxId: 'DE136695976' }).where(eq(customers.id, domestic.id));
    const watched = [fresh.number, stale.number, changedNumber.number, never.number, 'DE136695976'];

    const first = await revalidateStaleVatStandings(shop.db, { now, storefrontId: shop.storefrontId, maxChecks: 1_000, spacingMs: 0 });
    expect(await checksOf(watched)).toEqual({ [fresh.number]: 0, [stale.number]: 1, [changedNumber.number]: 1, [never.number]: 1, DE136695976: 0 });
    expect(first.unavailable).toBe(0);
    expect(await customerRow(changedNumber.customer.id)).toMatchObject({ vatStanding: 'confirmed', vatCheckedNumber: changedNumber.number, vatCheckedAt: now });

    // Run again (or after a kill): everything it checked is fresh now.
    const again = await revalidateStaleVatStandings(shop.db, { now, storefrontId: shop.storefrontId, maxChecks: 1_000, spacingMs: 0 });
    expect(again.checked).toBe(0);

    // A week later they are stale again; a run spends at most its budget, spaced out.
    const nextWeek = new Date(now.getTime() + 8 * DAY);
    const t0 = Date.now();
    const bounded = await revalidateStaleVatStandings(shop.db, { now: nextWeek, maxChecks: 2, spacingMs: 150 });
    expect(bounded.checked).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('the job checks across storefronts within one budget and skips storefronts with VIES checks off', async () => {
    const { customer, number } = await frenchBusiness();
    const log = vi.fn();
    await saveCommerceSettings(shop.db, { viesEnabled: false });
    try {
      expect(await revalidateVatNumbersJob.handler({ maxChecks: 50, spacingMs: 0 }, { job: {} as Job, log })).toEqual({ checked: 0, changed: 0, unavailable: 0 });
    } finally {
      await saveCommerceSettings(shop.db, { viesEnabled: true });
    }
    const res = (await revalidateVatNumbersJob.handler({ maxChecks: 50, spacingMs: 0 }, { job: {} as Job, log })) as { checked: number };
    expect(res.checked).toBeGreaterThanOrEqual(1);
    expect((await customerRow(customer.id)).vatStanding).toBe('confirmed');
    expect(await checksOf([number])).toEqual({ [number]: 1 });
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/^checked \d+ VAT number\(s\)/));
  });
});

describe('admin "Check now"', () => {
  async function signInAs(role: StaffRole): Promise<void> {
    const s = await createStaffUser(shop.db, { storefrontId: shop.storefrontId, input: { email: `${role}-${Date.now()}@shop.test`, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
    await shop.db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
    request.token = (await createSession(shop.db, { principalType: 'staff', principalId: s.id })).token;
  }
  const form = (customerPublicId: string) => {
    const data = new FormData();
    data.set('customerPublicId', customerPublicId);
    return data;
  };

  beforeAll(() => {
    request.host = 'admin.shop.test';
  });

  it('checks at once, fresh or not, and audits the staff member who asked', async () => {
    const { customer, number } = await frenchBusiness();
    await signInAs('support');
    expect(await checkVatNumberAction(null, form(customer.publicId))).toMatchObject({ ok: true, message: expect.stringContaining('VIES confirms') });
    expect(await checkVatNumberAction(null, form(customer.publicId))).toMatchObject({ ok: true });
    expect(await checksOf([number])).toEqual({ [number]: 2 });
    const [changed] = await standingAudits(customer);
    expect(changed).toMatchObject({ actorType: 'staff', after: { standing: 'confirmed', number } });
    const [checked] = await standingAudits(customer, 'customer.vat_standing.checked');
    expect(checked).toMatchObject({ actorType: 'staff', after: { outcome: 'confirmed', number } });

    await vies.control('faults', { failNext: 1 });
    expect(await checkVatNumberAction(null, form(customer.publicId))).toMatchObject({ ok: false, message: expect.stringContaining('did not answer') });
    expect((await customerRow(customer.id)).vatStanding).toBe('confirmed');
  });

  it('answers "not found" (404) for another storefront’s customer, and refuses staff without customers.manage (403)', async () => {
    const other = await createStorefront({ slug: 'other', name: 'Other', domain: 'other.test' });
    const otherDb = openStorefrontDb(other);
    await saveCommerceSettings(otherDb, { ...SHOP_COMMERCE, viesEnabled: true });
    const stranger = await createCustomer(otherDb, { input: { email: 'stranger@example.fr', name: 'Stranger', password: 'Correct-Horse-42', country: 'FR', currency: 'EUR' }, actor: system });
    await otherDb.update(customers).set({ company: 'Stranger SARL', taxId: 'FR40303265045' }).where(eq(customers.id, stranger.id));
    const [strangerRow] = await otherDb.select().from(customers).where(eq(customers.id, stranger.id));

    await signInAs('owner');
    expect(await checkVatNumberAction(null, form(strangerRow!.publicId))).toEqual({ ok: false, message: 'That customer does not exist.', fieldErrors: undefined, values: {} });
    const err = await checkVatNumberNow(shop.db, { input: { customerPublicId: strangerRow!.publicId }, actor: system, storefrontId: shop.storefrontId }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'not_found', status: 404 });
    expect(await checksOf(['FR40303265045'])).toEqual({ FR40303265045: 0 });
    expect((await otherDb.select().from(customers).where(eq(customers.id, stranger.id)))[0]).toMatchObject({ vatStanding: 'unchecked', vatCheckedAt: null });

    const { customer, number } = await frenchBusiness();
    await signInAs('billing');
    expect(await checkVatNumberAction(null, form(customer.publicId))).toEqual({ ok: false, message: expect.stringMatching(/don't have permission.*edit customers/) });
    expect(await checksOf([number])).toEqual({ [number]: 0 });
    expect(await standingAudits(customer)).toHaveLength(0);
  });
});
