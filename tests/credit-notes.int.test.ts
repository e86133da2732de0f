import Stripe from 'stripe';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, creditLedger, creditNoteLines, creditNotes, invoiceLines, invoices, passkeys, paymentTransactions, staffRoles, type Invoice } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { POST as webhookRoute } from '@/app/api/webhooks/[gateway]/route';
import { createSession } from '@/lib/auth/sessions';
import { getCreditNoteDetail } from '@/lib/credit-notes/get-credit-note';
import { listCreditNotes } from '@/lib/credit-notes/list-credit-notes';
import { renderCreditNotePdf } from '@/lib/credit-notes/render-credit-note-pdf';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { refundInvoiceToCredit } from '@/lib/invoices/refund-to-credit';
import { completeHostedPayment } from '@/lib/payments/complete-hosted-payment';
import { applyRefundToInvoice, refundPayment } from '@/lib/payments/refund-payment';
import { startInvoicePayment } from '@/lib/payments/start-invoice-payment';
import { createTransaction, lockTransaction } from '@/lib/payments/transactions';
import { decryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { SandboxHandle } from '@/sandbox/server';
import { seedTestCatalog } from './factories/catalog';
import { issueTestInvoice, REVERSE_CHARGE, UNTAXED, VAT_19 } from './factories/invoices';
import { createTestCustomer } from './factories/people';
import { setupShop } from './factories/shop';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

// Every refund, through the gateway or to account credit, issues exactly one gap-free numbered credit note that
// reverses the invoice's lines and tax by the rule in lib/credit-notes/allocate-credit.ts. The pages and PDFs are
// called as Next calls them: only the request (Host header, session cookies) is stood in for.

const request = vi.hoisted(() => ({ host: '', staffToken: '', customerToken: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => {
      const value = name === 'ezs_admin_session' ? request.staffToken : name === 'ezs_account_session' ? request.customerToken : '';
      return value ? { name, value } : undefined;
    },
    set: () => undefined,
    delete: () => undefined,
  }),
}));

const { default: AccountCreditNotePage } = await import('@/app/account/(shell)/credit-notes/[id]/page');
const { GET: accountCreditNotePdf } = await import('@/app/account/(shell)/credit-notes/[id]/pdf/route');
const { default: AdminCreditNotePage } = await import('@/app/admin/(shell)/credit-notes/[id]/page');
const { GET: adminCreditNotePdf } = await import('@/app/admin/(shell)/credit-notes/[id]/pdf/route');
const { PermissionDenied } = await import('@/app/admin/(shell)/permission-denied');

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
let stripe: Stripe;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const SECRET_KEY = 'sk_test_sandbox_shop';
let n = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  const u = new URL(sandbox.url);
  stripe = new Stripe(SECRET_KEY, { host: u.hostname, port: u.port, protocol: 'http', telemetry: false });
  // The test delivers Stripe's events itself, signed as Stripe signs them, as often as it likes.
  await fetch(`${sandbox.url}/stripe/_control/delivery`, { method: 'POST', headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'hold' }) });
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

async function customer() {
  n += 1;
  return createTestCustomer(db, `credit${n}@example.com`, `Credit ${n}`);
}

/** The invoice of the brief: a 19 % VAT line of 1000 + 190 and an untaxed line of 500, 1690 in all. */
async function vatAndZeroInvoice(customerId: number): Promise<Invoice> {
  return issueTestInvoice(db, {
    customerId,
    lines: [
      { kind: 'plan', description: 'VPS Small (monthly)', quantity: 1, amountMinor: 1_000, taxMinor: 190, tax: VAT_19, periodStart: '2026-03-01', periodEnd: '2026-03-31' },
      { kind: 'setup_fee', description: 'Setup', quantity: 1, amountMinor: 500, taxMinor: 0, tax: UNTAXED },
    ],
  });
}

/** Pays an invoice in full on the Stripe simulator's hosted page; returns the charge. */
async function payOnStripe(invoice: Invoice) {
  const started = await startInvoicePayment(db, { storefront, customerId: invoice.customerId, input: { invoicePublicId: invoice.publicId, gateway: 'stripe', savePaymentMethod: false }, actor: system });
  const approved = await fetch(started.redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Credit Tester' }).toString(),
  });
  expect(approved.status).toBe(303);
  expect(await completeHostedPayment(db, { storefront, customerId: invoice.customerId, attemptId: started.attemptId, actor: system, now: new Date() })).toMatchObject({ invoicePaid: true });
  const [charge] = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.invoiceId, invoice.id), eq(paymentTransactions.kind, 'charge')));
  return charge!;
}

const payByBank = (invoice: Invoice) => recordBankPayment(db, { invoicePublicId: invoice.publicId, reference: `SEPA ${invoice.id}`, actor: system });

async function notesOf(invoiceId: number) {
  const notes = await db.select().from(creditNotes).where(eq(creditNotes.invoiceId, invoiceId)).orderBy(asc(creditNotes.id));
  return Promise.all(notes.map(async (note) => ({ note, lines: await db.select().from(creditNoteLines).where(eq(creditNoteLines.creditNoteId, note.id)).orderBy(asc(creditNoteLines.sortOrder)) })));
}

const amounts = (lines: { amountMinor: number; taxMinor: number }[]) => lines.map((l) => [l.amountMinor, l.taxMinor]);
const seq = (number: string) => Number(/^CN-\d{4}-(\d{6})$/.exec(number)?.[1] ?? NaN);

function deliver(payload: string, signature: string) {
  const req = new Request('http://account.shop.test/api/webhooks/stripe', { method: 'POST', headers: { host: 'account.shop.test', 'stripe-signature': signature, 'content-type': 'application/json' }, body: payload });
  return webhookRoute(req, { params: Promise.resolve({ gateway: 'stripe' }) });
}

/** Every event Stripe holds for this account, signed with our endpoint's secret, delivered in order. */
async function deliverAllEvents(): Promise<void> {
  const secret = decryptSecret((await getPaymentSettings(db)).stripe.webhookSecret);
  const events = (await stripe.events.list({ limit: 100 })).data.reverse();
  for (const e of events) {
    const payload = JSON.stringify(e);
    expect((await deliver(payload, stripe.webhooks.generateTestHeaderString({ payload, secret }))).status).toBe(200);
  }
}

async function textOf(pdf: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: pdf });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('credit notes of refunds', () => {
  it('a full gateway refund issues one note that reverses every line and its tax exactly', async () => {
    const c = await customer();
    const inv = await vatAndZeroInvoice(c.id);
    const charge = await payOnStripe(inv);
    const r = await refundPayment(db, { storefront, input: { paymentPublicId: charge.publicId, reason: 'Cancelled in the trial' }, actor: staff });
    expect(r.status).toBe('succeeded');

    const [only, ...more] = await notesOf(inv.id);
    expect(more).toEqual([]);
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv.id)).orderBy(asc(invoiceLines.sortOrder));
    expect(only!.note).toMatchObject({
      invoiceId: inv.id,
      customerId: c.id,
      currency: 'EUR',
      source: 'gateway_refund',
      transactionId: r.refund.id,
      creditLedgerId: null,
      subtotalMinor: 1_500,
      taxMinor: 190,
      totalMinor: 1_690,
      reverseCharge: false,
      reason: 'Cancelled in the trial',
      buyer: inv.buyer,
      seller: inv.seller,
    });
    expect(only!.note.publicId).toMatch(/^cn_[a-z0-9]+$/);
    expect(only!.note.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(only!.lines.map((l) => [l.invoiceLineId, l.description, l.periodStart, l.periodEnd, l.amountMinor, l.taxMinor, l.tax])).toEqual(
      lines.map((l) => [l.id, l.description, l.periodStart, l.periodEnd, l.amountMinor, l.taxMinor, l.tax]),
    );
    expect((await db.select().from(invoices).where(eq(invoices.id, inv.id)))[0]).toMatchObject({ status: 'refunded', refundedMinor: 1_690 });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'credit_note.issued'), eq(auditLog.targetId, only!.note.publicId)));
    expect(audit?.after).toMatchObject({ number: only!.note.number, invoice: inv.publicId, source: 'gateway_refund', totalMinor: 1_690, taxMinor: 190 });
  });

  it('a partial refund to credit issues a note for that part, each line split with its own rate', async () => {
    const c = await customer();
    const inv = await vatAndZeroInvoice(c.id);
    await payByBank(inv);
    const res = await refundInvoiceToCredit(db, { invoicePublicId: inv.publicId, amountMinor: 845, reason: 'Half the month unused', staffId: null, actor: staff });

    const [only, ...more] = await notesOf(inv.id);
    expect(more).toEqual([]);
    const [entry] = await db.select().from(creditLedger).where(and(eq(creditLedger.invoiceId, inv.id), eq(creditLedger.kind, 'refund')));
    expect(res.creditNote).toEqual({ publicId: only!.note.publicId, number: only!.note.number });
    expect(only!.note).toMatchObject({ source: 'credit_refund', creditLedgerId: entry!.id, transactionId: null, subtotalMinor: 750, taxMinor: 95, totalMinor: 845 });
    // 845 of 1690 is half of each line's gross: 595 → 500 net + 95 VAT, and 250 untaxed.
    expect(amounts(only!.lines)).toEqual([
      [500, 95],
      [250, 0],
    ]);
    // It shows in the customer's invoice list, and only theirs.
    expect((await listCreditNotes(db, { customerId: c.id })).map((r) => r.publicId)).toEqual([only!.note.publicId]);
    expect((await listCreditNotes(db, { customerId: (await customer()).id })).length).toBe(0);
  });

  it('two partial refunds of both kinds that add up to the total credit exactly what the invoice had', async () => {
    const c = await customer();
    const inv = await vatAndZeroInvoice(c.id);
    const charge = await payOnStripe(inv);
    expect((await refundPayment(db, { storefront, input: { paymentPublicId: charge.publicId, amountMinor: 100, reason: 'goodwill' }, actor: staff })).status).toBe('succeeded');
    await refundInvoiceToCredit(db, { invoicePublicId: inv.publicId, reason: 'the rest', staffId: null, actor: staff });

    const [first, second] = await notesOf(inv.id);
    // 100: 100 × 1190 / 1690 = 70.41 and 100 × 500 / 1690 = 29.59 → 70 and 29, the missing unit to the larger
    // remainder → 70 and 30; 70 gross at 19 % → 59 net + 11 VAT.
    expect(amounts(first!.lines)).toEqual([
      [59, 11],
      [30, 0],
    ]);
    // The rest (1590) takes exactly what each line has left.
    expect(amounts(second!.lines)).toEqual([
      [941, 179],
      [470, 0],
    ]);
    expect([first!.note.totalMinor, second!.note.totalMinor]).toEqual([100, 1_590]);
    expect(seq(second!.note.number)).toBe(seq(first!.note.number) + 1);
    expect((await db.select().from(invoices).where(eq(invoices.id, inv.id)))[0]).toMatchObject({ status: 'refunded', refundedMinor: 1_690 });
  });

  it('a refund made at the gateway and its webhook delivered again and again issue one note', async () => {
    const c = await customer();
    const inv = await vatAndZeroInvoice(c.id);
    const charge = await payOnStripe(inv);
    await stripe.refunds.create({ payment_intent: charge.gatewayPaymentId!, amount: 500 });
    await deliverAllEvents();
    await deliverAllEvents();

    const refunds = await db.select().from(paymentTransactions).where(and(eq(paymentTransactions.parentId, charge.id), eq(paymentTransactions.kind, 'refund')));
    expect(refunds.map((r) => [r.status, r.amountMinor])).toEqual([['succeeded', 500]]);
    const [only, ...more] = await notesOf(inv.id);
    expect(more).toEqual([]);
    expect(only!.note).toMatchObject({ source: 'gateway_refund', transactionId: refunds[0]!.id, totalMinor: 500, reason: 'refunded at the gateway' });
    // 500 × 1190 / 1690 = 352.07 and 500 × 500 / 1690 = 147.93 → 352 and 148; 352 at 19 % → 296 net + 56 VAT.
    expect(amounts(only!.lines)).toEqual([
      [296, 56],
      [148, 0],
    ]);

    // Applying the same refund once more (a replay reaching the invoice) finds its note and changes nothing.
    const again = await db.transaction(async (tx) => applyRefundToInvoice(tx, { charge, refund: refunds[0]!, amountMinor: 500, actor: staff, reason: 'replayed' }));
    expect(again).toMatchObject({ publicId: only!.note.publicId, created: false });
    expect((await db.select().from(invoices).where(eq(invoices.id, inv.id)))[0]).toMatchObject({ status: 'partially_refunded', refundedMinor: 500 });
    expect(await notesOf(inv.id)).toHaveLength(1);

    // A refund from the admin panel, confirmed by its own webhook afterwards, is documented once too.
    expect((await refundPayment(db, { storefront, input: { paymentPublicId: charge.publicId, amountMinor: 300, reason: 'second' }, actor: staff })).status).toBe('succeeded');
    await deliverAllEvents();
    expect((await notesOf(inv.id)).map((x) => x.note.totalMinor)).toEqual([500, 300]);
  });

  it('numbers run on without a gap across a refund that was rolled back', async () => {
    const c = await customer();
    const inv = await vatAndZeroInvoice(c.id);
    const charge = await payOnStripe(inv);
    const before = await refundInvoiceToCredit(db, { invoicePublicId: inv.publicId, amountMinor: 100, reason: 'first', staffId: null, actor: staff });

    let taken = '';
    await expect(
      db.transaction(async (tx) => {
        const locked = await lockTransaction(tx, charge.id);
        const refund = await createTransaction(tx, { customerId: c.id, invoiceId: inv.id, gateway: 'stripe', kind: 'refund', flow: 'staff', currency: 'EUR', amountMinor: 200, parentId: charge.id });
        const note = await applyRefundToInvoice(tx, { charge: locked, refund, amountMinor: 200, actor: staff, reason: 'never happened' });
        taken = note!.number;
        throw new Error('the refund failed after its note was numbered');
      }),
    ).rejects.toThrow(/after its note was numbered/);
    expect(seq(taken)).toBe(seq(before.creditNote.number) + 1);
    expect(await db.select().from(creditNotes).where(eq(creditNotes.number, taken))).toEqual([]);
    expect((await db.select().from(invoices).where(eq(invoices.id, inv.id)))[0]).toMatchObject({ refundedMinor: 100 });

    // The number the rolled-back refund held goes to the next refund.
    const after = await refundInvoiceToCredit(db, { invoicePublicId: inv.publicId, amountMinor: 200, reason: 'second', staffId: null, actor: staff });
    expect(after.creditNote.number).toBe(taken);
  });

  it('refunds of many invoices at once each get their own number, consecutive, none twice', async () => {
    const paid: Invoice[] = [];
    for (let i = 0; i < 6; i++) {
      const inv = await vatAndZeroInvoice((await customer()).id);
      await payByBank(inv);
      paid.push(inv);
    }
    const results = await Promise.all(paid.map((inv, i) => refundInvoiceToCredit(db, { invoicePublicId: inv.publicId, amountMinor: 100 + i, reason: `parallel ${i}`, staffId: null, actor: staff })));
    const numbers = results.map((r) => seq(r.creditNote.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    for (const [i, inv] of paid.entries()) expect((await notesOf(inv.id)).map((x) => x.note.totalMinor)).toEqual([100 + i]);
  });

  it('a reverse-charge invoice gives a reverse-charge note with no tax, and says so on the PDF', async () => {
    const c = await customer();
    const inv = await issueTestInvoice(db, { customerId: c.id, reverseCharge: true, lines: [{ kind: 'plan', description: 'Dedicated server', quantity: 1, amountMinor: 10_000, taxMinor: 0, tax: REVERSE_CHARGE }] });
    await payByBank(inv);
    await refundInvoiceToCredit(db, { invoicePublicId: inv.publicId, amountMinor: 4_000, reason: 'downtime', staffId: null, actor: staff });
    const [only] = await notesOf(inv.id);
    expect(only!.note).toMatchObject({ reverseCharge: true, subtotalMinor: 4_000, taxMinor: 0, totalMinor: 4_000 });
    expect(amounts(only!.lines)).toEqual([[4_000, 0]]);
    const text = await textOf(await renderCreditNotePdf((await getCreditNoteDetail(db, { publicId: only!.note.publicId }))!, { name: 'Shop' }));
    expect(text).toContain(`Credit note for invoice ${inv.number}`);
    expect(text).toContain('Reverse charge: VAT to be accounted for by the recipient');
  });
});

describe('who may see a credit note', () => {
  let noteId: string;
  let invoiceNumber: string;
  let ownerToken: string;
  let strangerToken: string;

  const params = () => ({ params: Promise.resolve({ id: noteId }) });
  const asCustomer = (host: string, token: string) => {
    request.host = host;
    request.customerToken = token;
  };
  async function signInStaff(role: 'owner' | 'support'): Promise<void> {
    n += 1;
    const s = await createStaffUser(db, { storefrontId: storefront.id, input: { email: `${role}${n}@shop.test`, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
    await db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
    request.host = 'admin.shop.test';
    request.staffToken = (await createSession(db, { principalType: 'staff', principalId: s.id })).token;
  }

  beforeAll(async () => {
    const owner = await customer();
    const inv = await vatAndZeroInvoice(owner.id);
    await payByBank(inv);
    const res = await refundInvoiceToCredit(db, { invoicePublicId: inv.publicId, amountMinor: 845, reason: 'goodwill', staffId: null, actor: staff });
    noteId = res.creditNote.publicId;
    invoiceNumber = inv.number!;
    ownerToken = (await createSession(db, { principalType: 'customer', principalId: owner.id })).token;
    strangerToken = (await createSession(db, { principalType: 'customer', principalId: (await customer()).id })).token;
  });

  it('its customer gets the page and the PDF', async () => {
    asCustomer('account.shop.test', ownerToken);
    const page = (await AccountCreditNotePage(params())) as ReactElement;
    expect(page.type).toBe('div');
    const res = await accountCreditNotePdf(new Request('http://account.shop.test/'), params());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await textOf(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain(`Credit note for invoice ${invoiceNumber}`);
    // EUR amounts in the currency's own locale (de-DE).
    expect(text).toMatch(/VAT 19 %\s*0,95\s€/);
  });

  it("another customer of the shop, and a customer of another shop, get 404 for it", async () => {
    asCustomer('account.shop.test', strangerToken);
    await expect(AccountCreditNotePage(params())).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    expect((await accountCreditNotePdf(new Request('http://account.shop.test/'), params())).status).toBe(404);

    const other = await createStorefront({ slug: 'other', name: 'Other', domain: 'other.test' });
    const otherDb = openStorefrontDb(other);
    await seedTestCatalog(otherDb);
    const theirs = await createTestCustomer(otherDb, 'someone@example.com', 'Someone Else');
    asCustomer('account.other.test', (await createSession(otherDb, { principalType: 'customer', principalId: theirs.id })).token);
    await expect(AccountCreditNotePage(params())).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    expect((await accountCreditNotePdf(new Request('http://account.other.test/'), params())).status).toBe(404);
    // The shop's own session means nothing on the other shop's host.
    asCustomer('account.other.test', ownerToken);
    expect((await accountCreditNotePdf(new Request('http://account.other.test/'), params())).status).toBe(401);
  });

  it('staff without the invoice-view permission get 403; staff with it get the note', async () => {
    await db.insert(staffRoles).values({ role: 'support', permissions: ['customers.view', 'services.view'] });
    await signInStaff('support');
    expect((await adminCreditNotePdf(new Request('http://admin.shop.test/'), params())).status).toBe(403);
    const denied = (await AdminCreditNotePage(params())) as ReactElement;
    expect(denied.type).toBe(PermissionDenied);
    expect((denied.props as { permission: string }).permission).toBe('billing.view');

    await signInStaff('owner');
    const res = await adminCreditNotePdf(new Request('http://admin.shop.test/'), params());
    expect(res.status).toBe(200);
    expect(await textOf(new Uint8Array(await res.arrayBuffer()))).toContain('Credit note CN-');
    expect(((await AdminCreditNotePage(params())) as ReactElement).type).toBe('div');
    expect((await adminCreditNotePdf(new Request('http://admin.shop.test/'), { params: Promise.resolve({ id: 'cn_doesnotexist' }) })).status).toBe(404);
  });
});
