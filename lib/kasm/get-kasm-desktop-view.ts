import { and, desc, eq } from 'drizzle-orm';
import { kasmBalanceNotices, kasmDesktopSettings, kasmSessions } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { parseQuantity, showQuantity } from '@/lib/usage/decimal';
import { getLiveUsage } from '@/lib/usage/get-live-usage';
import { planMetersOf } from '@/lib/usage/plan-meters';
import { usageAmountMinor } from '@/lib/usage/usage-rounding';
import { getKasmServiceOrThrow } from './kasm-service';
import { billedMinutesOf, formatDuration, KASM_BILLING_RULE, KASM_METER, minutesAsHours } from './session-billing';

const HISTORY = 50;

/** The desktop part of a customer's service page, and what its live poll answers (plain JSON, stable names). */
export interface KasmDesktopView {
  service: string;
  status: string;
  currency: string;
  rule: string;
  hourlyRate: string | null;
  idleStopMinutes: number | null;
  /** The credit guard's latest notice this period (in-app), for customers paying from credit alone. */
  creditNotice: string | null;
  running: { sessionId: number; status: 'starting' | 'running'; startedAt: string; runningFor: string; billedMinutes: number; costMinor: number; cost: string; hasLink: boolean } | null;
  month: { hours: string; amountMinor: number; amount: string; periodStart: string; periodEnd: string };
  sessions: { id: number; startedAt: string; stoppedAt: string | null; billedMinutes: number | null; cost: string | null; endReason: string | null; source: string }[];
}

/**
 * A desktop's sessions with their cost at the plan's hourly rate (each rounded up to 15 minutes; shown rounded to
 * the cent — the month's invoice line is rounded once for the whole period, as "This month" is). Scoped to the
 * customer: another customer's service is the same 404 as none.
 */
export async function getKasmDesktopView(db: SfDb, opts: { servicePublicId: string; customerId?: number; now?: Date }): Promise<KasmDesktopView> {
  const now = opts.now ?? new Date();
  const svc = await getKasmServiceOrThrow(db, opts);
  const [live, book, meters, rows, settings] = await Promise.all([
    getLiveUsage(db, { servicePublicId: svc.publicId, at: now }),
    loadCurrencyBook(db),
    planMetersOf(db, [svc.planId]),
    db.select().from(kasmSessions).where(eq(kasmSessions.serviceId, svc.id)).orderBy(desc(kasmSessions.startedAt)).limit(HISTORY),
    db.select({ idle: kasmDesktopSettings.idleStopMinutes }).from(kasmDesktopSettings).where(eq(kasmDesktopSettings.serviceId, svc.id)),
  ]);
  const price = meters.get(svc.planId)?.get(KASM_METER)?.prices.get(live.currency) ?? null;
  const money = (minor: number) => book.format(minor, live.currency);
  const costOf = (minutes: number) => (price === null ? null : usageAmountMinor(parseQuantity(minutesAsHours(minutes)), price));
  const open = rows.find((r) => r.status !== 'stopped') ?? null;
  const meter = live.meters.find((m) => m.meter === KASM_METER);
  let running: KasmDesktopView['running'] = null;
  if (open) {
    const billedMinutes = billedMinutesOf(open.startedAt, now);
    const costMinor = costOf(billedMinutes) ?? 0;
    running = { sessionId: open.id, status: open.status as 'starting' | 'running', startedAt: open.startedAt.toISOString(), runningFor: formatDuration(now.getTime() - open.startedAt.getTime()), billedMinutes, costMinor, cost: money(costMinor), hasLink: open.kasmUrl !== null };
  }
  const [notice] = await db
    .select({ level: kasmBalanceNotices.level, remaining: kasmBalanceNotices.remainingMinor, credit: kasmBalanceNotices.creditMinor })
    .from(kasmBalanceNotices)
    .where(and(eq(kasmBalanceNotices.customerId, svc.customerId), eq(kasmBalanceNotices.periodStart, live.periodStart)))
    .orderBy(desc(kasmBalanceNotices.createdAt))
    .limit(1);
  const creditNotice = !notice
    ? null
    : notice.level === 'empty'
      ? 'Your account credit is used up, so running sessions were stopped. Add credit or a payment method to start again.'
      : `Your account credit is running low: ${money(Math.max(0, notice.remaining))} of ${money(notice.credit)} left after this period's desktop use.`;
  const hours = meter ? showQuantity(parseQuantity(meter.quantity)) : '0';
  return {
    service: svc.publicId,
    status: svc.status,
    currency: live.currency,
    rule: KASM_BILLING_RULE,
    hourlyRate: price === null ? null : `${money(usageAmountMinor(parseQuantity('1'), price))} per hour`,
    idleStopMinutes: settings[0]?.idle ?? null,
    creditNotice,
    running,
    month: { hours, amountMinor: meter?.amountMinor ?? 0, amount: money(meter?.amountMinor ?? 0), periodStart: live.periodStart, periodEnd: live.periodEnd },
    sessions: rows.map((r) => {
      const cost = r.billedMinutes === null ? null : costOf(r.billedMinutes);
      return { id: r.id, startedAt: r.startedAt.toISOString(), stoppedAt: r.stoppedAt?.toISOString() ?? null, billedMinutes: r.billedMinutes, cost: cost === null ? null : money(cost), endReason: r.endReason, source: r.source };
    }),
  };
}

/** The open session's link, for the "Open workspace" button only (never in the polled JSON). */
export async function kasmSessionLink(db: SfDb, opts: { servicePublicId: string; customerId: number }): Promise<string | null> {
  const svc = await getKasmServiceOrThrow(db, opts);
  const [open] = await db.select({ url: kasmSessions.kasmUrl, status: kasmSessions.status }).from(kasmSessions).where(eq(kasmSessions.serviceId, svc.id)).orderBy(desc(kasmSessions.startedAt)).limit(1);
  return open && open.status !== 'stopped' ? open.url : null;
}
