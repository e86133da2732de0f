import { inArray } from 'drizzle-orm';
import { services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import type { AppErrorCode } from '@/lib/errors/app-error';
import { toDateString } from '@/lib/dates/calendar-days';
import type { UsageAggregation } from './aggregation';
import { QUANTITY_SCALE, showQuantity } from './decimal';
import { planMetersOf } from './plan-meters';
import { METER_CODES, meterFor } from './registry';
import { usageEventSchema } from './schemas';
import { usagePeriods, type UsagePeriod } from './usage-period';
import { roundUpToIncrement } from './usage-rounding';

/** How far ahead of the receiving clock an event may be stamped (reporters' clocks drift). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const SERVICES_PER_QUERY = 500;
const WHOLE = 10n ** BigInt(QUANTITY_SCALE);

/** An event checked against its service and plan, with everything its counter needs. */
export interface PreparedEvent {
  index: number;
  serviceId: number;
  meterCode: string;
  transactionId: string;
  quantity: bigint;
  /** After the per-event increment where the aggregation rounds each event. */
  counted: bigint;
  uniqueKey: string | null;
  at: Date;
  period: UsagePeriod;
  /** The closing that bills it: the period's own, or for a period already over when it arrived, the next one. */
  billOn: string;
  aggregation: UsageAggregation;
}

export interface UsageRejection {
  index: number;
  transactionId: string | null;
  code: AppErrorCode;
  message: string;
}

type ServiceRow = { id: number; publicId: string; status: string; planId: number; currency: string; anchorDay: number | null; createdAt: Date; suspendedAt: Date | null; terminatedAt: Date | null; cancelledAt: Date | null };

async function servicesByPublicId(db: SfDb, ids: string[]): Promise<Map<string, ServiceRow>> {
  const out = new Map<string, ServiceRow>();
  for (let i = 0; i < ids.length; i += SERVICES_PER_QUERY) {
    const rows = await db
      .select({ id: services.id, publicId: services.publicId, status: services.status, planId: services.planId, currency: services.currency, anchorDay: services.anchorDay, createdAt: services.createdAt, suspendedAt: services.suspendedAt, terminatedAt: services.terminatedAt, cancelledAt: services.cancelledAt })
      .from(services)
      .where(inArray(services.publicId, ids.slice(i, i + SERVICES_PER_QUERY)));
    for (const r of rows) out.set(r.publicId, r);
  }
  return out;
}

/**
 * Validates a batch of reported events and resolves their services, meters and periods, in a few queries for the
 * whole batch. Each bad event is rejected on its own with one message; the rest go on.
 */
export async function prepareUsageEvents(db: SfDb, inputs: readonly unknown[], now: Date): Promise<{ prepared: PreparedEvent[]; rejected: UsageRejection[] }> {
  const rejected: UsageRejection[] = [];
  const parsed = inputs.map((input, index) => {
    const r = usageEventSchema.safeParse(input);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    const txId = typeof (input as { transactionId?: unknown })?.transactionId === 'string' ? (input as { transactionId: string }).transactionId : null;
    rejected.push({ index, transactionId: txId, code: 'bad_request', message: `${issue?.path.join('.') || 'event'} ${issue?.message ?? 'is invalid'}` });
    return null;
  });
  const byPublicId = await servicesByPublicId(db, [...new Set(parsed.flatMap((e) => (e ? [e.service] : [])))]);
  const meters = await planMetersOf(db, [...new Set([...byPublicId.values()].map((s) => s.planId))]);
  const periodOf = usagePeriods();
  const today = toDateString(now);
  const prepared: PreparedEvent[] = [];
  for (const [index, e] of parsed.entries()) {
    if (!e) continue;
    const reject = (code: AppErrorCode, message: string) => rejected.push({ index, transactionId: e.transactionId, code, message });
    const svc = byPublicId.get(e.service);
    if (!svc) {
      reject('not_found', `No service ${e.service} on this storefront.`);
      continue;
    }
    // Usage from while the service was active still counts after it stops being so (a desktop session ended by the
    // suspension itself); anything later is refused.
    const leftActiveAt = svc.status === 'suspended' ? svc.suspendedAt : svc.status === 'terminated' ? svc.terminatedAt : svc.status === 'cancelled' ? svc.cancelledAt : null;
    if (svc.status !== 'active' && !(leftActiveAt && e.at.getTime() <= leftActiveAt.getTime())) {
      reject('conflict', `Service ${e.service} is ${svc.status}: usage is recorded only for active services.`);
      continue;
    }
    const meter = meterFor(e.meter);
    if (!meter) {
      reject('bad_request', `Unknown meter "${e.meter}"; meters are ${METER_CODES.join(', ')}.`);
      continue;
    }
    const planMeters = meters.get(svc.planId);
    const cfg = planMeters?.get(meter.code);
    if (!cfg) {
      reject('bad_request', `Service ${e.service}'s plan does not bill ${meter.code}${planMeters?.size ? ` (it bills ${[...planMeters.keys()].join(', ')})` : ' (it bills no usage)'}.`);
      continue;
    }
    if (!cfg.prices.has(svc.currency)) {
      reject('conflict', `The plan of ${e.service} has no ${svc.currency} price for ${meter.code}, so its usage could not be billed.`);
      continue;
    }
    if (meter.wholeUnits && e.quantity % WHOLE !== 0n) {
      reject('bad_request', `quantity must be a whole number of ${meter.unit.many} for ${meter.code}, not ${showQuantity(e.quantity)}.`);
      continue;
    }
    if (cfg.aggregation.needsUniqueKey && !e.uniqueKey) {
      reject('bad_request', `${meter.code} counts distinct keys: the event needs a uniqueKey.`);
      continue;
    }
    if (e.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      reject('bad_request', `at ${e.at.toISOString()} is in the future.`);
      continue;
    }
    const anchor = svc.anchorDay ?? svc.createdAt.getUTCDate();
    const period = periodOf(e.at, anchor);
    const counted = cfg.aggregation.incrementOn === 'event' ? roundUpToIncrement(e.quantity, cfg.incrementStep) : e.quantity;
    // Arriving after its period's closing day, it waits for the service's next closing instead of an invoice of its own.
    const billOn = today <= period.end ? period.end : periodOf(now, anchor).end;
    prepared.push({ index, serviceId: svc.id, meterCode: meter.code, transactionId: e.transactionId, quantity: e.quantity, counted, uniqueKey: e.uniqueKey ?? null, at: e.at, period, billOn, aggregation: cfg.aggregation });
  }
  return { prepared, rejected: rejected.sort((a, b) => a.index - b.index) };
}
