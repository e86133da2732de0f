import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, customers, invoiceLines, invoiceNumberCounters, invoicePayments, invoices, orderItems, orders, services, type Customer } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Cart } from '@/lib/cart/schemas';
import { createCustomer } from '@/lib/customers/create-customer';
import { AppError } from '@/lib/errors/app-error';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { createPaidService } from '@/lib/orders/create-paid-service';
import { placeOrder } from '@/lib/orders/place-order';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };

let n = 0;
async function customer(): Promise<Customer> {
  n += 1;
  const c = await createCustomer(db, { input: { email: `b${n}@example.com`, name: `Buyer ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
  return row!;
}

/** An order placed the way checkout places it, left unpaid. */
async function unpaidOrder(c: Customer) {
  const plan = await planOrThrow(db, 'vps-starter');
  const os = vpsOptions(plan).os;
  const cart: Cart = {
    currency: 'EUR',
    country: null,
    items: [{ id: 'i0', item: { planSlug: 'vps-starter', cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }], fields: { hostname: 'unpaid.example.com' } } }],
    couponCodes: [],
  };
  return placeOrder(db, { storefrontId, customerId: c.id, cart, ip: null, actor: system });
}

const invoiceByPublicId = async (publicId: string) => (await db.select().from(invoices).where(eq(invoices.publicId, publicId)))[0]!;
const serviceByPublicId = async (publicId: string) => (await db.select().from(services).where(eq(services.publicId, publicId)))[0]!;

/** The real operator CLI in a child process, against this file's own databases. */
function cli(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('bin/ezscale', args, {
      env: { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number | null; stdout: string; stderr: string };
    return { status: e.status ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

function cliJson<T>(args: string[]): T {
  const r = cli([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as T;
}

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop({ kind: 'retail' }));
});
afterAll(async () => {
  await t?.cleanup();
});
// Each test starts with no orders, invoices, invoice numbers taken or services (invoice numbers and default
// hostnames count what came before); every test makes its own customer.
beforeEach(async () => {
  for (const table of [orders, orderItems, invoices, invoiceLines, invoicePayments, invoiceNumberCounters, services]) await db.delete(table);
});

describe('createPaidService', () => {
  it('orders and pays on the start date, so the service is active and due one cycle later on its anchor day', async () => {
    const c = await customer();
    const start = new Date('2026-01-31T00:00:00Z');
    const created = await createPaidService(db, { storefrontId, customerEmail: c.email, planSlug: 'vps-standard', cycle: 'monthly', start, actor: system });
    expect(created.nextDueOn).toBe('2026-02-28');
    expect(created.invoiceNumber).toBe('INV-2026-000001');

    const svc = await serviceByPublicId(created.servicePublicId);
    expect(svc).toMatchObject({ status: 'active', customerId: c.id, cycle: 'monthly', currency: 'EUR', anchorDay: 31, nextDueOn: '2026-02-28' });
    const [item] = await db.select().from(orderItems).where(eq(orderItems.id, svc.orderItemId!));
    const plan = await planOrThrow(db, 'vps-standard');
    // Required fields and dropdowns get deterministic defaults; the first location is taken.
    expect(item!.selection.fields).toEqual({ hostname: 'svc1.example.com' });
    expect(item!.selection.locationId).toBe(plan.locations[0]!.id);
    expect(item!.selection.options).toEqual([expect.objectContaining({ optionCode: 'os', valueCode: vpsOptions(plan).os.values[0]!.code, quantity: 1 })]);

    const [inv] = await db.select().from(invoices).where(eq(invoices.number, created.invoiceNumber));
    expect(inv).toMatchObject({ status: 'paid', issuedAt: start, paidAt: start, dueOn: expect.any(String) });
    expect(inv!.paidMinor).toBe(inv!.totalMinor);
    const payments = await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, inv!.id));
    expect(payments).toEqual([expect.objectContaining({ method: 'bank_transfer', amountMinor: inv!.totalMinor, reference: 'cli:service:create' })]);
  });

  it('takes options by code, typed fields and another currency, and keeps the anchor across a leap day', async () => {
    const c = await customer();
    const created = await createPaidService(db, {
      storefrontId,
      customerEmail: c.email.toUpperCase(),
      planSlug: 'vps-standard',
      cycle: 'annual',
      start: new Date('2024-02-29T00:00:00Z'),
      currency: 'usd',
      fields: { hostname: 'Web7.Example.com' },
      options: { os: 'windows-2022', 'extra-ipv4': '2', backups: 'yes' },
      actor: system,
    });
    expect(created.nextDueOn).toBe('2025-02-28');
    const svc = await serviceByPublicId(created.servicePublicId);
    expect(svc).toMatchObject({ status: 'active', currency: 'USD', label: 'VPS Standard – web7.example.com' });
    const [item] = await db.select().from(orderItems).where(eq(orderItems.id, svc.orderItemId!));
    expect(item!.selection.options.map((o) => [o.optionCode, o.valueCode, o.quantity])).toEqual([
      ['os', 'windows-2022', 1],
      ['extra-ipv4', 'unit', 2],
      ['backups', 'yes', 1],
    ]);
  });

  it('refuses unknown customers, plans, options, values and fields before anything is written', async () => {
    const c = await customer();
    const base = { storefrontId, customerEmail: c.email, planSlug: 'vps-standard', cycle: 'monthly' as const, start: new Date('2026-01-01T00:00:00Z'), actor: system };
    await expectAppError(createPaidService(db, { ...base, customerEmail: 'nobody@example.com' }), 'not_found', /nobody@example\.com/);
    await expectAppError(createPaidService(db, { ...base, planSlug: 'no-such-plan' }), 'not_found', /no-such-plan/);
    await expectAppError(createPaidService(db, { ...base, options: { colour: 'red' } }), 'bad_request', /no option "colour"/);
    await expectAppError(createPaidService(db, { ...base, options: { os: 'beos' } }), 'bad_request', /no value "beos"/);
    await expectAppError(createPaidService(db, { ...base, fields: { domain: 'x.com' } }), 'bad_request', /no order field "domain"/);
    await expectAppError(createPaidService(db, { ...base, cycle: 'hourly' }), 'bad_request', /not offered/);
    expect(await db.select().from(services).where(eq(services.customerId, c.id))).toEqual([]);
  });
});

describe('recordBankPayment', () => {
  it('records part, then the rest of the balance; the last payment activates the order', async () => {
    const c = await customer();
    const placed = await unpaidOrder(c);
    const now = new Date('2026-05-10T12:00:00Z');
    const part = await recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, amountMinor: 100, reference: 'SEPA 1', actor: system, now });
    expect(part).toEqual({ paid: false, balanceMinor: placed.totalMinor - 100 });
    await expectAppError(recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, amountMinor: placed.totalMinor, reference: 'SEPA 2', actor: system }), 'bad_request', /at most the balance/);
    const rest = await recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, reference: ' SEPA 2 ', actor: system, now });
    expect(rest).toEqual({ paid: true, balanceMinor: 0 });

    const inv = await invoiceByPublicId(placed.invoicePublicId);
    expect(inv).toMatchObject({ status: 'paid', paidMinor: placed.totalMinor, paidAt: now });
    const payments = await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, inv.id)).orderBy(invoicePayments.id);
    expect(payments.map((p) => [p.method, p.amountMinor, p.reference])).toEqual([
      ['bank_transfer', 100, 'SEPA 1'],
      ['bank_transfer', placed.totalMinor - 100, 'SEPA 2'],
    ]);
    const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
    expect(svc).toMatchObject({ status: 'active', nextDueOn: '2026-06-10' });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.targetId, inv.publicId), eq(auditLog.action, 'invoice.paid')));
    expect(audits).toHaveLength(1);

    await expectAppError(recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, reference: 'again', actor: system }), 'conflict', /is paid/);
  });

  it('validates its input with field errors, as the admin button needs', async () => {
    const c = await customer();
    const placed = await unpaidOrder(c);
    const err = await recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, reference: '  ', actor: system }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'bad_request', message: 'Reference is required.', fieldErrors: { reference: ['is required'] } });
    await expectAppError(recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, reference: 'x'.repeat(121), actor: system }), 'bad_request', /at most 120/);
    await expectAppError(recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, amountMinor: 0, reference: 'r', actor: system }), 'bad_request', /Amount must be positive/);
    await expectAppError(recordBankPayment(db, { invoicePublicId: placed.invoicePublicId, amountMinor: 1.5, reference: 'r', actor: system }), 'bad_request', /whole number/);
    await expectAppError(recordBankPayment(db, { invoicePublicId: 'inv_nope', reference: 'r', actor: system }), 'not_found');
    expect((await invoiceByPublicId(placed.invoicePublicId)).paidMinor).toBe(0);
  });
});

describe('bin/ezscale billing commands', () => {
  it('lists plans, creates and lists services and invoices, adds credit and pays invoices', async () => {
    const c = await customer();

    const { plans } = cliJson<{ plans: { slug: string; serviceType: string; status: string; prices: { currency: string; cycle: string; amountMinor: number; setupFeeMinor: number }[] }[] }>(['plan:list']);
    const std = plans.find((p) => p.slug === 'vps-standard');
    const catalog = await planOrThrow(db, 'vps-standard');
    expect(std).toMatchObject({ serviceType: 'vps', status: 'active' });
    expect(std!.prices).toEqual(catalog.prices.map(({ currency, cycle, amountMinor, setupFeeMinor }) => ({ currency, cycle, amountMinor, setupFeeMinor })));

    const created = cliJson<{ storefront: string; servicePublicId: string; invoiceNumber: string; nextDueOn: string }>([
      'service:create', '--customer', c.email, '--plan', 'minecraft-4gb', '--cycle', 'monthly', '--start', '2026-03-31', '--storefront', 'shop',
    ]);
    expect(created).toMatchObject({ storefront: 'shop', nextDueOn: '2026-04-30', servicePublicId: expect.stringMatching(/^svc_/) });

    const { services: listed } = cliJson<{ services: Record<string, unknown>[] }>(['service:list', '--customer', c.email]);
    expect(listed).toEqual([
      { id: created.servicePublicId, customer: c.email, plan: 'minecraft-4gb', cycle: 'monthly', status: 'active', suspensionReason: null, nextDueOn: '2026-04-30', recurringMinor: expect.any(Number), currency: 'EUR' },
    ]);

    const { invoices: paidInvoices } = cliJson<{ invoices: { number: string; status: string; totalMinor: number; paidMinor: number; issuedOn: string; lines: { kind: string }[] }[] }>([
      'invoice:list', '--customer', c.email, '--status', 'paid',
    ]);
    expect(paidInvoices).toHaveLength(1);
    expect(paidInvoices[0]).toMatchObject({ number: created.invoiceNumber, status: 'paid', issuedOn: '2026-03-31' });
    expect(paidInvoices[0]!.paidMinor).toBe(paidInvoices[0]!.totalMinor);
    expect(paidInvoices[0]!.lines[0]).toMatchObject({ kind: 'plan', description: expect.stringContaining('Minecraft') });

    const credit = cli(['credit:add', '--customer', c.email, '--amount-minor', '100000', '--currency', 'EUR', '--reason', 'goodwill']);
    expect(credit).toEqual({ status: 0, stdout: `Added 100000 EUR to ${c.email}'s credit; balance 100000 EUR.\n`, stderr: '' });

    const byCredit = await unpaidOrder(c);
    const paidByCredit = cliJson<{ paid: boolean; appliedMinor: number }>(['invoice:pay', byCredit.invoiceNumber, '--method', 'credit']);
    expect(paidByCredit).toMatchObject({ paid: true, appliedMinor: byCredit.totalMinor });

    const byBank = await unpaidOrder(c);
    const bank = cli(['invoice:pay', byBank.invoiceNumber, '--method', 'bank', '--reference', 'SEPA 42', '--at', '2026-04-02']);
    expect(bank).toEqual({ status: 0, stdout: `Paid ${byBank.totalMinor} EUR of ${byBank.invoiceNumber} by bank transfer (reference SEPA 42); the invoice is paid.\n`, stderr: '' });
    const inv = await invoiceByPublicId(byBank.invoicePublicId);
    expect(inv).toMatchObject({ status: 'paid', paidAt: new Date('2026-04-02T00:00:00Z') });
    const [payment] = await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, inv.id));
    expect(payment).toMatchObject({ method: 'bank_transfer', reference: 'SEPA 42' });

    const unpaid = cliJson<{ invoices: unknown[] }>(['invoice:list', '--customer', c.email, '--status', 'unpaid']);
    expect(unpaid.invoices).toEqual([]);
  });

  it('answers bad arguments with one line on stderr and a non-zero exit, writing nothing', async () => {
    const c = await customer();
    const missing = cli(['service:create', '--customer', c.email, '--cycle', 'monthly', '--start', '2026-01-01']);
    expect(missing).toEqual({ status: 2, stdout: '', stderr: 'error: --plan: is required\n' });
    const debit = cli(['credit:add', '--customer', c.email, '--amount-minor', '-1', '--currency', 'EUR', '--reason', 'x']);
    expect(debit).toEqual({ status: 1, stdout: '', stderr: 'error: That would take the credit balance below zero.\n' });
    expect(await db.select().from(services).where(eq(services.customerId, c.id))).toEqual([]);
  });
});
