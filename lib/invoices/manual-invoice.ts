import { and, eq } from 'drizzle-orm';
import { currencies, customers, invoiceLines, invoices, type FrozenTax, type Invoice } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { addDays, toDateString } from '@/lib/dates/calendar-days';
import { parseMoney } from '@/lib/money/parse-money';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { AppError } from '@/lib/errors/app-error';
import { publicId } from '@/lib/ids/public-id';
import { joinedDigits } from '@/lib/money/currency-book';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { loadPricingSettings, pricingCustomerOf } from '@/lib/pricing/pricing-context';
import { multiplyMinor, taxInGross, taxOnNet } from '@/lib/pricing/rounding';
import { shownLineAmount } from '@/lib/pricing/shown-line-amount';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { decideTax } from '@/lib/tax/decide-tax';
import { vatStandingForTax, viesCheckActor } from '@/lib/tax/refresh-vat-standings';
import { areaUrl } from '@/lib/tenancy/area-url';
import { buyerParty, sellerParty, type NewInvoiceLine } from './issue-invoice';
import { takeInvoiceNumber } from './invoice-number';
import { dueInDaysSchema, lineFieldErrors, lineFieldName, manualLinesSchema, type ManualLineInput } from './manual-invoice-schemas';

/** Marks a line staff chose not to tax, so the editor can tell it from a taxable line where no rule applied. */
export const NOT_TAXABLE_NAME = 'Not taxable';

export function isTaxableLine(tax: FrozenTax): boolean {
  return !(tax.basis === 'none' && tax.name === NOT_TAXABLE_NAME);
}

const fieldError = (field: string, message: string) => new AppError('bad_request', 'Check the highlighted fields.', { [field]: [message] });

async function lockInvoice(tx: SfDb, invoicePublicId: string): Promise<Invoice> {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.publicId, invoicePublicId)).for('update');
  if (!invoice) throw new AppError('not_found', 'No such invoice.');
  return invoice;
}

function assertDraft(invoice: Invoice): void {
  if (invoice.status !== 'draft') throw new AppError('conflict', `Invoice ${invoice.number ?? invoice.publicId} is already issued; only drafts can be changed.`);
}

/** The VIES re-check of a stale standing, before the transaction that decides the draft's tax reads it. */
async function refreshDraftCustomerVat(db: StorefrontDb, opts: { customerId: number; now: Date; storefrontId?: number }): Promise<void> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, opts.customerId));
  if (customer) await vatStandingForTax(db, customer, { commerce: await getCommerceSettings(db), actor: viesCheckActor('manual-invoice'), now: opts.now, storefrontId: opts.storefrontId });
}

/** A blank draft for a customer in an enabled currency: no number, no issue date, zero totals until lines are saved. */
export async function createDraftInvoice(db: StorefrontDb, opts: { customerId: number; currency: string; actor: AuditActor }): Promise<{ invoicePublicId: string }> {
  const [cur] = await db.select().from(currencies).where(eq(currencies.code, opts.currency));
  if (!cur?.enabled) throw fieldError('currency', 'is not offered');
  const [customer] = await db.select().from(customers).where(eq(customers.id, opts.customerId));
  if (!customer) throw new AppError('not_found', 'No such customer.');
  if (customer.status !== 'active') throw new AppError('conflict', 'This account is closed.');
  const commerce = await getCommerceSettings(db);
  const invoicePublicId = publicId('inv');
  await db.transaction(async (tx) => {
    await tx.insert(invoices).values({
      publicId: invoicePublicId,
      customerId: customer.id,
      number: null,
      status: 'draft',
      currency: cur.code,
      taxInclusive: commerce.taxInclusive,
      subtotalMinor: 0,
      taxMinor: 0,
      totalMinor: 0,
      buyer: buyerParty(customer),
      seller: sellerParty(commerce),
    });
    await recordAudit(tx, { actor: opts.actor, action: 'invoice.draft_created', target: { type: 'invoice', id: invoicePublicId }, after: { customerId: customer.id, currency: cur.code } });
  });
  return { invoicePublicId };
}

/** Validated lines in minor units; every problem is reported at once, keyed by its form field. */
function parseLines(input: unknown, minorDigits: number): { description: string; quantity: number; unitMinor: number; taxable: boolean }[] {
  const parsed = manualLinesSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', lineFieldErrors(parsed.error));
  const errors: Record<string, string[]> = {};
  const lines = parsed.data.map((l, i) => {
    const money = parseMoney(l.unitAmount, minorDigits);
    if (!money.ok) errors[lineFieldName(i, 'unitAmount')] = [money.error];
    return { description: l.description, quantity: l.quantity, unitMinor: money.ok ? (money.minor ?? 0) : 0, taxable: l.taxable };
  });
  if (Object.keys(errors).length) throw new AppError('bad_request', 'Check the highlighted fields.', errors);
  return lines;
}

/**
 * Replaces a draft's lines (kind adjustment) and recomputes its totals. The amount typed is the unit price as the
 * storefront quotes prices: gross when prices include tax (tax = taxInGross, net = gross − tax), net otherwise
 * (tax = taxOnNet), rounded once per line like the pricing engine. Non-taxable lines carry no tax.
 */
export async function saveDraftLines(
  db: StorefrontDb,
  opts: { invoicePublicId: string; lines: ManualLineInput[]; actor: AuditActor; now?: Date; storefrontId?: number },
): Promise<{ subtotalMinor: number; taxMinor: number; totalMinor: number }> {
  const now = opts.now ?? new Date();
  const [found] = await db
    .select({ currency: invoices.currency, customerId: invoices.customerId, minorDigits: currencies.minorDigits })
    .from(invoices)
    .leftJoin(currencies, eq(currencies.code, invoices.currency))
    .where(eq(invoices.publicId, opts.invoicePublicId));
  if (!found) throw new AppError('not_found', 'No such invoice.');
  const typed = parseLines(opts.lines, joinedDigits(found.currency, found.minorDigits));
  await refreshDraftCustomerVat(db, { customerId: found.customerId, now, storefrontId: opts.storefrontId });
  const { pricing } = await loadPricingSettings(db);
  const inclusive = pricing.taxInclusive;

  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, opts.invoicePublicId);
    assertDraft(invoice);
    const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
    if (!customer) throw new AppError('not_found', 'No such customer.');
    const decision = decideTax({ customer: await pricingCustomerOf(tx, customer, now), settings: pricing, date: now });
    const untaxed: FrozenTax = { ruleId: null, name: NOT_TAXABLE_NAME, country: decision.country, region: decision.region, rateMilliPercent: 0, basis: 'none' };
    const lines: NewInvoiceLine[] = typed.map((l) => {
      const tax = l.taxable ? decision : untaxed;
      const quoted = multiplyMinor(l.unitMinor, l.quantity);
      const taxMinor = inclusive ? taxInGross(quoted, tax.rateMilliPercent) : taxOnNet(quoted, tax.rateMilliPercent);
      return { kind: 'adjustment', description: l.description, quantity: l.quantity, amountMinor: inclusive ? quoted - taxMinor : quoted, taxMinor, tax };
    });
    const subtotalMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
    const taxMinor = lines.reduce((s, l) => s + l.taxMinor, 0);
    const totals = { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
    const reverseCharge = decision.basis === 'reverse_charge' && typed.some((l) => l.taxable);

    await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    await tx.insert(invoiceLines).values(lines.map((l, n) => ({ invoiceId: invoice.id, kind: l.kind, description: l.description, quantity: l.quantity, amountMinor: l.amountMinor, taxMinor: l.taxMinor, tax: l.tax, sortOrder: n })));
    const [res] = await tx
      .update(invoices)
      .set({ ...totals, taxInclusive: inclusive, reverseCharge })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'draft')));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'The invoice changed meanwhile; reload and try again.');
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'invoice.draft_updated',
      target: { type: 'invoice', id: invoice.publicId },
      before: { subtotalMinor: invoice.subtotalMinor, taxMinor: invoice.taxMinor, totalMinor: invoice.totalMinor },
      after: { ...totals, lines: lines.length },
    });
    return totals;
  });
}

async function hasTaxableLine(tx: SfDb, invoiceId: number): Promise<boolean> {
  const lines = await tx.select({ tax: invoiceLines.tax }).from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
  return lines.some((l) => isTaxableLine(l.tax));
}

/** Queues the "invoice issued" email for an issued invoice inside tx; the caller dispatches it after the commit. */
async function queueInvoiceEmail(tx: SfDb, invoice: Invoice, opts: { storefrontId: number; dedupeKey: string }): Promise<{ id: number; created: boolean }> {
  const [customer] = await tx.select({ email: customers.email, name: customers.name }).from(customers).where(eq(customers.id, invoice.customerId));
  if (!customer) throw new AppError('not_found', 'No such customer.');
  const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(invoiceLines.sortOrder);
  const currencies = await loadCurrencyBook(tx);
  const money = (m: number) => currencies.format(m, invoice.currency);
  return queueEmail(tx, {
    to: customer.email,
    template: 'invoice-issued',
    props: {
      name: customer.name,
      invoiceNumber: invoice.number ?? invoice.publicId,
      invoicePublicId: invoice.publicId,
      total: money(invoice.totalMinor),
      dueOn: invoice.dueOn ?? '',
      invoiceUrl: await areaUrl(opts.storefrontId, 'account', `/invoices/${invoice.publicId}`),
      lines: lines.map((l) => ({ description: l.description, amount: money(shownLineAmount(l, invoice.taxInclusive)) })),
    },
    dedupeKey: opts.dedupeKey,
  });
}

/** The outbox row is committed; a failed dispatch is picked up by jobs/flush-outbox, so it must not fail the change. */
async function dispatchAfterCommit(storefrontId: number, mail: { id: number; created: boolean } | null): Promise<void> {
  if (mail?.created) await dispatchEmail(storefrontId, mail.id).catch(() => undefined);
}

/**
 * Issues a draft: takes the next number of the series in the same transaction (so a rollback hands it back), and
 * freezes the buyer and seller as they are now. Emails the customer when the storefront sends issue emails.
 */
export async function issueDraftInvoice(
  db: StorefrontDb,
  opts: { invoicePublicId: string; dueInDays: number | string; storefrontId: number; actor: AuditActor; now?: Date },
): Promise<{ number: string }> {
  const now = opts.now ?? new Date();
  const due = dueInDaysSchema.safeParse(opts.dueInDays);
  if (!due.success) throw fieldError('dueInDays', due.error.issues[0]?.message ?? 'is invalid');
  const [draft] = await db.select({ customerId: invoices.customerId }).from(invoices).where(eq(invoices.publicId, opts.invoicePublicId));
  if (draft) await refreshDraftCustomerVat(db, { customerId: draft.customerId, now, storefrontId: opts.storefrontId });
  const [commerce, billing, { pricing }] = await Promise.all([getCommerceSettings(db), getBillingSettings(db), loadPricingSettings(db)]);
  const { number, mail } = await db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, opts.invoicePublicId);
    assertDraft(invoice);
    const [line] = await tx.select({ id: invoiceLines.id }).from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).limit(1);
    if (!line || invoice.totalMinor <= 0) throw new AppError('bad_request', 'Nothing to invoice: add a line with an amount first.');
    const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
    if (!customer) throw new AppError('not_found', 'No such customer.');
    // The lines' tax was decided when they were saved; a VAT number VIES has rejected (or confirmed) since must not
    // go out on a draft priced the other way.
    const decision = decideTax({ customer: await pricingCustomerOf(tx, customer, now), settings: pricing, date: now });
    if (invoice.reverseCharge && decision.basis !== 'reverse_charge') {
      throw new AppError('conflict', 'This draft is reverse charged, but the customer’s VAT number no longer qualifies (VIES doesn’t confirm it): save the lines again to charge VAT.');
    }
    if (!invoice.reverseCharge && decision.basis === 'reverse_charge' && (await hasTaxableLine(tx, invoice.id))) {
      throw new AppError('conflict', 'The customer’s VAT number now qualifies for reverse charge: save the lines again before issuing.');
    }
    const taken = await takeInvoiceNumber(tx, commerce.invoiceNumberFormat, now);
    const issued = { number: taken, status: 'unpaid' as const, issuedAt: now, dueOn: addDays(toDateString(now), due.data), buyer: buyerParty(customer), seller: sellerParty(commerce) };
    const [res] = await tx.update(invoices).set(issued).where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'draft')));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'The invoice changed meanwhile; reload and try again.');
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'invoice.issued',
      target: { type: 'invoice', id: invoice.publicId },
      before: { status: 'draft' },
      after: { status: 'unpaid', number: taken, totalMinor: invoice.totalMinor, dueOn: issued.dueOn },
    });
    const queued = billing.emails.invoiceIssued ? await queueInvoiceEmail(tx, { ...invoice, ...issued }, { storefrontId: opts.storefrontId, dedupeKey: `invoice-issued:${invoice.id}` }) : null;
    return { number: taken, mail: queued };
  });
  await dispatchAfterCommit(opts.storefrontId, mail);
  return { number };
}

/** Deletes a draft and its lines. A draft never took a number, so the series keeps no gap. */
export async function deleteDraftInvoice(db: StorefrontDb, opts: { invoicePublicId: string; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, opts.invoicePublicId);
    assertDraft(invoice);
    await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    const [res] = await tx.delete(invoices).where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'draft')));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'The invoice changed meanwhile; reload and try again.');
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'invoice.draft_deleted',
      target: { type: 'invoice', id: invoice.publicId },
      before: { customerId: invoice.customerId, currency: invoice.currency, totalMinor: invoice.totalMinor },
    });
  });
}

/** Sends the "invoice issued" email of an unpaid or paid invoice again (a fresh outbox row each time). */
export async function resendInvoiceEmail(
  db: StorefrontDb,
  opts: { invoicePublicId: string; storefrontId: number; actor: AuditActor; now?: Date },
): Promise<{ outboxId: number }> {
  const now = opts.now ?? new Date();
  const mail = await db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.publicId, opts.invoicePublicId));
    if (!invoice) throw new AppError('not_found', 'No such invoice.');
    if (invoice.status !== 'unpaid' && invoice.status !== 'paid') {
      throw new AppError('conflict', `Invoice ${invoice.number ?? invoice.publicId} is ${invoice.status.replace('_', ' ')}; only unpaid and paid invoices can be resent.`);
    }
    const queued = await queueInvoiceEmail(tx, invoice, { storefrontId: opts.storefrontId, dedupeKey: `invoice-resend:${invoice.id}:${now.getTime()}` });
    await recordAudit(tx, { actor: opts.actor, action: 'invoice.resent', target: { type: 'invoice', id: invoice.publicId }, after: { outboxId: queued.id } });
    return queued;
  });
  await dispatchAfterCommit(opts.storefrontId, mail);
  return { outboxId: mail.id };
}
