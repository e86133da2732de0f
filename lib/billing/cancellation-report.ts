import { and, count, desc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { CANCELLATION_REASON_CODES, customers, services, type CancellationReasonCode, type Service } from '@/db/schema/storefront';
import { csvCell } from '@/lib/csv/csv-cell';
import type { SfDb } from '@/lib/db/connection';
import { addDays, daysBetween } from '@/lib/dates/calendar-days';
import { AppError } from '@/lib/errors/app-error';
import { filterDay, filterPage, searchFilter, type FilterOf } from '@/lib/forms/search-filter';
import { CANCELLATION_REASONS } from './cancel-service';

// Why customers leave: the exit survey's answers (services.cancellation_reason_code and _reason), counted per reason
// for a period of cancellation requests, with the latest answers in the customers' words. A withdrawn request is
// cleared from the row, so only cancellations that stand are counted.

export const CANCELLATION_PAGE_SIZE = 50;
/** Days the report covers when the period is left open: the last 30 up to today. */
const DEFAULT_DAYS = 30;
/** The longest period one report (or export) reads. */
const MAX_DAYS = 366;

const FIELDS = { from: filterDay, to: filterDay, page: filterPage };
const filters = searchFilter(FIELDS, { from: 'From', to: 'To', page: 'Page' }, [['from', 'to']]);
export type CancellationFilter = FilterOf<typeof FIELDS>;
export const parseCancellationFilter = filters.parse;
export const cancellationFilterQuery = filters.query;

/** The route's query: strict, as a download has no page to report an ignored value on. */
export const cancellationExportSchema = z.object({ from: filterDay.optional(), to: filterDay.optional() });

export interface CancellationPeriod {
  /** Both days included (UTC). */
  from: string;
  to: string;
}

/** The filter's days; left open, the period ends today (or on its first day, if that is later) and covers 30 days. */
export function cancellationPeriod(filter: { from?: string; to?: string }, today: string): CancellationPeriod {
  const to = filter.to ?? (filter.from && filter.from > today ? filter.from : today);
  const from = filter.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw new AppError('bad_request', 'The period starts after it ends.', { from: ['is after the end of the period'] });
  if (daysBetween(from, to) + 1 > MAX_DAYS) throw new AppError('bad_request', `A report covers at most ${MAX_DAYS} days.`, { from: [`must be at most ${MAX_DAYS} days before the end`] });
  return { from, to };
}

const requestedIn = (p: CancellationPeriod) =>
  and(isNotNull(services.cancellationRequestedAt), gte(services.cancellationRequestedAt, new Date(`${p.from}T00:00:00Z`)), lt(services.cancellationRequestedAt, new Date(`${addDays(p.to, 1)}T00:00:00Z`)));

export interface CancellationCount {
  /** Null: cancellations requested without the survey (none since it has a column; kept so the total adds up). */
  code: CancellationReasonCode | null;
  label: string;
  count: number;
}

export interface CancellationRow {
  servicePublicId: string;
  serviceLabel: string;
  status: Service['status'];
  customerEmail: string;
  requestedAt: Date;
  code: CancellationReasonCode | null;
  label: string;
  reason: string | null;
}

export interface CancellationReport {
  period: CancellationPeriod;
  total: number;
  /** Every reason in the survey's order, zeros included, then the unanswered ones if there are any. */
  byReason: CancellationCount[];
  /** The latest requests of the period, newest first, one page. */
  recent: CancellationRow[];
  page: number;
  hasNext: boolean;
}

const labelOf = (code: CancellationReasonCode | null) => (code ? CANCELLATION_REASONS[code] : 'No answer');

const ROW = {
  servicePublicId: services.publicId,
  serviceLabel: services.label,
  status: services.status,
  customerEmail: customers.email,
  requestedAt: services.cancellationRequestedAt,
  code: services.cancellationReasonCode,
  reason: services.cancellationReason,
};

async function rowsOf(db: SfDb, period: CancellationPeriod, limit: number, offset: number): Promise<CancellationRow[]> {
  const rows = await db
    .select(ROW)
    .from(services)
    .innerJoin(customers, eq(customers.id, services.customerId))
    .where(requestedIn(period))
    .orderBy(desc(services.cancellationRequestedAt), desc(services.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, requestedAt: r.requestedAt!, label: labelOf(r.code) }));
}

/** The storefront's cancellations requested in the period, by reason, and one page of the latest. */
export async function getCancellationReport(db: SfDb, opts: { period: CancellationPeriod; page?: number; pageSize?: number }): Promise<CancellationReport> {
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? CANCELLATION_PAGE_SIZE;
  const counted = await db.select({ code: services.cancellationReasonCode, n: count() }).from(services).where(requestedIn(opts.period)).groupBy(services.cancellationReasonCode);
  const countOf = new Map(counted.map((c) => [c.code, Number(c.n)]));
  const byReason: CancellationCount[] = CANCELLATION_REASON_CODES.map((code) => ({ code, label: labelOf(code), count: countOf.get(code) ?? 0 }));
  const unanswered = countOf.get(null) ?? 0;
  if (unanswered) byReason.push({ code: null, label: labelOf(null), count: unanswered });
  const rows = await rowsOf(db, opts.period, pageSize + 1, (page - 1) * pageSize);
  return {
    period: opts.period,
    total: byReason.reduce((sum, r) => sum + r.count, 0),
    byReason,
    recent: rows.slice(0, pageSize),
    page,
    hasNext: rows.length > pageSize,
  };
}

const CSV_COLUMNS = ['requested_at', 'service', 'label', 'status', 'customer', 'reason_code', 'reason', 'text'] as const;

/** The period's cancellations as CSV, newest first, read a thousand at a time. */
export async function* cancellationsCsv(db: SfDb, period: CancellationPeriod): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\n`;
  for (let offset = 0; ; offset += 1000) {
    const rows = await rowsOf(db, period, 1000, offset);
    for (const r of rows) yield `${[r.requestedAt, r.servicePublicId, r.serviceLabel, r.status, r.customerEmail, r.code, r.label, r.reason].map(csvCell).join(',')}\n`;
    if (rows.length < 1000) return;
  }
}
