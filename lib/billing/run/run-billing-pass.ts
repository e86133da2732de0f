import type { StorefrontDb } from '@/lib/db/connection';
import { dispatchEmail } from '@/lib/email/enqueue-email';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { loadPricingSettings } from '@/lib/pricing/pricing-context';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { areaUrlBuilder } from '@/lib/tenancy/area-url';
import { toDateString } from '@/lib/dates/calendar-days';
import { createViesBreaker } from '@/lib/tax/refresh-vat-standings';
import { savedMethodCollector } from '@/lib/payments/collect-with-saved-method';
import { closeUsagePeriods, type UsageCloseReport } from '@/lib/usage/close-usage-periods';
import { hostedPaymentReconciler } from '@/lib/payments/reconcile-hosted-payments';
import { creditCollector, type AutomaticCollector } from './collect-payments';
import type { PassContext } from './context';
import { sendInvoiceNotices } from './invoice-notices';
import { addLateFees } from './late-fees';
import { applyPendingCancellations, suspendOverdueServices, terminateOverdueServices } from './overdue-services';
import { renewServices } from './renew-services';

/**
 * Payments customers made but nobody reported come first, then credit, so a customer's credit is spent before their
 * card is charged.
 */
const AUTOMATIC_COLLECTORS: AutomaticCollector[] = [hostedPaymentReconciler, creditCollector, savedMethodCollector];

export interface BillingPassReport {
  at: string;
  renewals: { invoices: number; services: number };
  /** Usage periods closed: usage invoices, and renewal invoices that took usage lines. */
  usage: UsageCloseReport;
  collected: Record<string, { invoices: number; amountMinor: number }>;
  notices: Record<string, number>;
  lateFees: { invoices: number };
  suspended: { services: number };
  terminated: { services: number; invoicesVoided: number };
  cancelled: { services: number };
  emails: number;
  ms: number;
  /** Wall time per step, for operators tuning a big storefront. */
  stepMs: Record<string, number>;
}

/**
 * One billing pass over a storefront as of `at`. Every step selects by state, not by "what happened since the last
 * run", so a pass after three days of downtime does all three days' work, and every write is guarded by a unique
 * key or a state check in its own short transaction, so passes may overlap or be killed and re-run at any point.
 */
export async function runBillingPass(db: StorefrontDb, opts: { storefrontId: number; at?: Date; batchSize?: number }): Promise<BillingPassReport> {
  const started = performance.now();
  const at = opts.at ?? new Date();
  const [billing, { pricing, commerce }, currencies] = await Promise.all([getBillingSettings(db), loadPricingSettings(db), loadCurrencyBook(db)]);
  const ctx: PassContext = {
    db,
    storefrontId: opts.storefrontId,
    at,
    today: toDateString(at),
    billing,
    commerce,
    pricing,
    currencies,
    actor: { type: 'system', label: 'billing:run' },
    mail: [],
    batchSize: opts.batchSize ?? 500,
    vies: createViesBreaker(),
    accountUrl: areaUrlBuilder(opts.storefrontId, 'account'),
  };
  const stepMs: Record<string, number> = {};
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await run();
    stepMs[step] = Math.round(performance.now() - t0);
    return out;
  };
  const renewals = await timed('renewals', () => renewServices(ctx));
  // After renewals, so a period whose usage closes on the due date finds that date's renewal invoice to join, and
  // before collection, so credit and saved cards pay the usage along with everything else.
  const usage = await timed('usage', () => closeUsagePeriods(ctx));
  const collected: BillingPassReport['collected'] = {};
  for (const c of AUTOMATIC_COLLECTORS) collected[c.name] = await timed(`collect:${c.name}`, () => c.collect(ctx));
  const notices = await timed('notices', () => sendInvoiceNotices(ctx));
  const lateFees = await timed('lateFees', () => addLateFees(ctx));
  const suspended = await timed('suspend', () => suspendOverdueServices(ctx));
  const terminated = await timed('terminate', () => terminateOverdueServices(ctx));
  const cancelled = await timed('cancel', () => applyPendingCancellations(ctx));
  // Mail goes out after its rows committed; a lost dispatch is picked up by the outbox sweep.
  for (const id of ctx.mail) await dispatchEmail(opts.storefrontId, id).catch(() => undefined);
  return { at: at.toISOString(), renewals, usage, collected, notices, lateFees, suspended, terminated, cancelled, emails: ctx.mail.length, ms: Math.round(performance.now() - started), stepMs };
}
