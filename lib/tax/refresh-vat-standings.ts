import type { Customer } from '@/db/schema/storefront';
import { dispatchAlert, raiseAlert } from '@/lib/alerts/raise-alert';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { toDateString } from '@/lib/dates/calendar-days';
import { checkVatNumber, isMemberStateOutage, viesBaseUrl } from '@/lib/integrations/vies/client';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { recordVatAnswer, recordVatCheckFailure } from './record-vat-standing';
import { toPrefixedVatNumber } from './vat-number';
import { isStandingStale, standingOf, taxRelevantVatNumber, viesNumberOf, type VatNumberStanding } from './vat-standing';

// Brings customers' VAT number standings up to date before a tax decision (see the rule in ./vat-standing.ts).
// Only numbers that can change the tax and whose standing is stale are sent to VIES; calls run a few at a time,
// never inside a transaction. When VIES can't answer, the stored standing stands and staff get one alert a day.

type Person = Customer;

/**
 * Remembers, for one billing pass or job run, that VIES (or one member state) is down, so the rest of the run
 * uses last known standings instead of waiting on a time-out per customer.
 */
export interface ViesBreaker {
  /** "*" when VIES as a whole failed, else the VAT prefixes whose member state did. */
  down: Set<string>;
  detail: string | null;
  alerted: boolean;
}

/** Who an automatic re-check records a standing change as: VIES changed it, seen from this path. */
export function viesCheckActor(path: 'checkout' | 'renewal' | 'plan-change' | 'manual-invoice' | 'revalidate'): AuditActor {
  return { type: 'system', label: `vies:${path}` };
}

export function createViesBreaker(): ViesBreaker {
  return { down: new Set(), detail: null, alerted: false };
}

export interface RefreshVatStandingsOptions {
  commerce: Pick<CommerceSettings, 'viesEnabled' | 'viesMaxAgeDays' | 'sellerCountry' | 'sellerTaxId'>;
  actor: AuditActor;
  now?: Date;
  /** Dispatches the outage alert to Discord at once; without it the outbox sweep delivers it. */
  storefrontId?: number;
  /** Staff "Check now": ask VIES even when the standing is fresh, for any EU business number, checks on or off. */
  force?: boolean;
  breaker?: ViesBreaker;
  /** VIES calls in flight at once (default 2). */
  concurrency?: number;
  /** Least time between the starts of two calls (default 0), for the scheduled job. */
  spacingMs?: number;
  /** Stop after this many VIES calls; the rest keep their stored standing. */
  maxChecks?: number;
  timeoutMs?: number;
}

export interface RefreshReport {
  /** VIES calls made. */
  checked: number;
  /** Standings that changed (each audited). */
  changed: number;
  /** Checks VIES could not answer, or skipped because it was already known to be down. */
  unavailable: number;
}

export function needsViesCheck(person: Person, opts: Pick<RefreshVatStandingsOptions, 'commerce' | 'force'>, now: Date): string | null {
  if (opts.force) return viesNumberOf(person);
  if (!opts.commerce.viesEnabled) return null;
  const number = taxRelevantVatNumber(person, opts.commerce.sellerCountry);
  return number && isStandingStale(person, now, opts.commerce.viesMaxAgeDays) ? number : null;
}

/**
 * Re-checks the stale standings among `people` and returns every person with their VIES columns as stored now
 * (same order). Safe to run twice or to interrupt: each answer is stored on its own.
 */
export async function refreshVatStandings<P extends Person>(db: SfDb, people: readonly P[], opts: RefreshVatStandingsOptions): Promise<{ people: P[]; report: RefreshReport }> {
  const now = opts.now ?? new Date();
  const out = [...people];
  const report: RefreshReport = { checked: 0, changed: 0, unavailable: 0 };
  const due = out.flatMap((p, i) => {
    const number = needsViesCheck(p, opts, now);
    return number ? [{ i, number }] : [];
  });
  if (!due.length) return { people: out, report };

  const breaker = opts.breaker ?? createViesBreaker();
  const requester = opts.commerce.sellerTaxId ? toPrefixedVatNumber(opts.commerce.sellerCountry, opts.commerce.sellerTaxId) : null;
  const limit = opts.maxChecks ?? Infinity;
  let next = 0;
  let lastStart = 0;
  let outage = false;

  const checkOne = async ({ i, number }: { i: number; number: string }) => {
    const person = out[i]!;
    const prefix = number.slice(0, 2);
    if (breaker.down.has('*') || breaker.down.has(prefix)) {
      report.unavailable += 1;
      outage = true;
      return;
    }
    if (opts.spacingMs) {
      const start = Math.max(Date.now(), lastStart + opts.spacingMs);
      lastStart = start;
      if (start > Date.now()) await new Promise((r) => setTimeout(r, start - Date.now()));
    }
    report.checked += 1;
    const result = await checkVatNumber(person.country, number, { baseUrl: viesBaseUrl(), requester, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
    if (result.status === 'unavailable') {
      breaker.down.add(isMemberStateOutage(result.detail) ? prefix : '*');
      breaker.detail ??= `${result.detail ?? 'no answer'}${isMemberStateOutage(result.detail) ? ` (${prefix})` : ''}`;
      report.unavailable += 1;
      outage = true;
      await recordVatCheckFailure(db, { customerId: person.id, at: now });
      out[i] = { ...person, vatCheckFailedAt: now };
      return;
    }
    const answer = { number, standing: result.status === 'valid' ? ('confirmed' as const) : ('rejected' as const), consultationNumber: result.requestIdentifier ?? null, at: now };
    const stored = await recordVatAnswer(db, { customerId: person.id, answer, actor: opts.actor });
    if (!stored) return;
    if (stored.changed) report.changed += 1;
    out[i] = { ...person, ...stored.columns };
  };

  const worker = async () => {
    while (next < due.length && report.checked < limit) await checkOne(due[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 2, due.length) }, worker));

  if (outage && !breaker.alerted) {
    breaker.alerted = true;
    await raiseViesOutageAlert(db, { detail: breaker.detail ?? 'VIES was already known to be down', now, storefrontId: opts.storefrontId });
  }
  return { people: out, report };
}

/** One alert a day however many checks fail: staff need to know VAT numbers aren't being re-checked, not how often. */
async function raiseViesOutageAlert(db: SfDb, opts: { detail: string; now: Date; storefrontId?: number }): Promise<void> {
  const alert = await raiseAlert(db, {
    severity: 'warning',
    category: 'tax',
    title: 'VIES is not answering: VAT numbers can’t be re-checked',
    body:
      `The EU VIES service did not answer a VAT number check: ${opts.detail}.\n\n` +
      'Until it does, tax is decided on each customer’s last known standing: numbers VIES confirmed keep reverse charge, ' +
      'numbers it rejected, never answered for or that changed since are charged VAT. Stale numbers are checked again ' +
      'before their next invoice and by the hourly revalidation job; a customer page’s “Check now” retries one at once.',
    dedupeKey: `vies-unavailable:${toDateString(opts.now)}`,
  });
  if (opts.storefrontId && alert.created && alert.discordStatus === 'pending') await dispatchAlert(opts.storefrontId, alert.id).catch(() => undefined);
}

/**
 * The one way a tax decision gets a customer's VAT number standing: re-checked first when stale (or the number
 * changed), the last known one when VIES can't answer. Returns the standing and the customer row with its VIES
 * columns as stored, for callers that price from the row they hold. Call outside any transaction.
 */
export async function vatStandingForTax<P extends Person>(db: SfDb, customer: P, opts: RefreshVatStandingsOptions): Promise<{ standing: VatNumberStanding; customer: P; report: RefreshReport }> {
  const { people, report } = await refreshVatStandings(db, [customer], opts);
  return { standing: standingOf(people[0]!), customer: people[0]!, report };
}
