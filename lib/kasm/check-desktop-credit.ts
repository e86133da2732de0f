import { and, eq } from 'drizzle-orm';
import { customers, kasmBalanceNotices, plans, services, type KasmBalanceLevel } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import type { StorefrontDb } from '@/lib/db/connection';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { listPaymentMethods } from '@/lib/payments/payment-methods';
import { areaUrl } from '@/lib/tenancy/area-url';
import { getKasmDesktopView } from './get-kasm-desktop-view';
import { stopKasmSession } from './stop-kasm-session';

const GUARD: AuditActor = { type: 'system', label: 'kasm.track credit guard' };

export interface CreditCheckResult {
  notices: { customerId: number; level: KasmBalanceLevel }[];
  stopped: string[];
}

/** Which notice a balance has reached: what is left after this period's desktop usage, against the credit held. */
export function creditLevel(creditMinor: number, spentMinor: number): KasmBalanceLevel | null {
  const remaining = creditMinor - spentMinor;
  if (remaining <= 0) return 'empty';
  if (remaining * 5 <= creditMinor) return 'fifth';
  if (remaining * 2 <= creditMinor) return 'half';
  return null;
}

/**
 * The money guard for customers who pay desktops from credit alone (no saved payment method): this period's desktop
 * usage so far (closed sessions and the running one) against their credit. At half and at a fifth left they get an
 * email and an in-app notice, once each per period (the notice's key); when it is spent their running sessions are
 * stopped, with the same notice. Customers with a saved method are charged at the period's end instead.
 */
export async function checkDesktopCredit(db: StorefrontDb, opts: { storefrontId?: number; now?: Date } = {}): Promise<CreditCheckResult> {
  const now = opts.now ?? new Date();
  const out: CreditCheckResult = { notices: [], stopped: [] };
  const rows = await db
    .select({ publicId: services.publicId, customerId: services.customerId, currency: services.currency, name: customers.name, email: customers.email })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .innerJoin(customers, eq(customers.id, services.customerId))
    .where(and(eq(plans.provisioningModule, 'kasm'), eq(services.status, 'active'), eq(services.provisioningStatus, 'active')))
    .orderBy(services.customerId, services.id);
  const byCustomer = new Map<number, typeof rows>();
  for (const r of rows) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
  const book = await loadCurrencyBook(db);

  for (const [customerId, desktops] of byCustomer) {
    if ((await listPaymentMethods(db, customerId)).length > 0) continue;
    const currency = desktops[0]!.currency;
    const views = await Promise.all(desktops.filter((d) => d.currency === currency).map((d) => getKasmDesktopView(db, { servicePublicId: d.publicId, now })));
    const spent = views.reduce((sum, v) => sum + v.month.amountMinor + (v.running?.costMinor ?? 0), 0);
    const running = views.filter((v) => v.running);
    if (spent === 0 && running.length === 0) continue;
    const credit = await getCreditBalance(db, customerId, currency);
    const level = creditLevel(credit, spent);
    if (!level) continue;
    if (level === 'empty') {
      for (const v of running) {
        try {
          await stopKasmSession(db, { servicePublicId: v.service, sessionId: v.running!.sessionId, endReason: 'no_credit', actor: GUARD, now });
          out.stopped.push(v.service);
        } catch {
          // Kasm did not end it: the next run tries again, and it is billed to when it does end.
        }
      }
    }
    const periodStart = views[0]!.month.periodStart;
    const remaining = credit - spent;
    const [res] = await db.insert(kasmBalanceNotices).ignore().values({ customerId, periodStart, level, currency, creditMinor: credit, remainingMinor: remaining });
    if (res.affectedRows !== 1) continue;
    out.notices.push({ customerId, level });
    const creditUrl = opts.storefrontId ? await areaUrl(opts.storefrontId, 'account', '/credit') : undefined;
    const mail = await queueEmail(db, {
      to: desktops[0]!.email,
      template: 'desktop-credit-low',
      props: { name: desktops[0]!.name, level, remaining: book.format(Math.max(0, remaining), currency), credit: book.format(credit, currency), ...(creditUrl ? { creditUrl } : {}) },
      dedupeKey: `desktop-credit:${customerId}:${periodStart}:${level}`,
    });
    if (mail.created && opts.storefrontId) await dispatchEmail(opts.storefrontId, mail.id);
  }
  return out;
}
