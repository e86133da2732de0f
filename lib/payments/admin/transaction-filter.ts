import { z } from 'zod';
import { GATEWAYS, PAYMENT_TRANSACTION_KINDS, PAYMENT_TRANSACTION_STATUSES } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { listTransactions, TRANSACTION_PAGE_SIZE, type TransactionListRow } from '../list-transactions';

const day = z.iso.date('must be a date (YYYY-MM-DD)');

/** One schema per search parameter, so a bad value drops only that filter (and is reported) instead of the page. */
const FIELDS = {
  status: z.enum(PAYMENT_TRANSACTION_STATUSES, 'must be one of the listed statuses'),
  gateway: z.enum(GATEWAYS, 'must be Stripe or PayPal'),
  kind: z.enum(PAYMENT_TRANSACTION_KINDS, 'must be one of the listed kinds'),
  customer: z.string().trim().min(1).max(100, 'must be at most 100 characters'),
  from: day,
  to: day,
  invoice: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^inv_[a-z0-9]{1,40}$/, 'must be an invoice id like inv_…'),
  page: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a page number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be a page number')),
} as const;

export const transactionFilterSchema = z.object({
  status: FIELDS.status.optional(),
  gateway: FIELDS.gateway.optional(),
  kind: FIELDS.kind.optional(),
  customer: FIELDS.customer.optional(),
  from: day.optional(),
  to: day.optional(),
  invoice: z.string().optional(),
  page: z.number().int().min(1),
});

export type TransactionFilter = z.infer<typeof transactionFilterSchema>;

const LABELS: Record<keyof typeof FIELDS, string> = {
  status: 'Status',
  gateway: 'Gateway',
  kind: 'Kind',
  customer: 'Customer',
  from: 'From',
  to: 'To',
  invoice: 'Invoice',
  page: 'Page',
};

/**
 * The ledger's filters from the page's search params. Blank values mean "no filter"; a value that does not parse
 * (or a date range whose start is after its end) is left out and described in `problems`, never an error.
 */
export function parseTransactionFilter(params: Record<string, string | string[] | undefined>): { filter: TransactionFilter; problems: string[] } {
  const problems: string[] = [];
  const out: Record<string, unknown> = { page: 1 };
  for (const key of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const raw = params[key];
    const text = Array.isArray(raw) ? raw[0] : raw;
    if (text === undefined || text.trim() === '') continue;
    const parsed = FIELDS[key].safeParse(text);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${LABELS[key]} "${text.slice(0, 40)}" ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  if (typeof out.from === 'string' && typeof out.to === 'string' && out.from > out.to) {
    problems.push('From is after to: that date range is ignored.');
    delete out.from;
    delete out.to;
  }
  return { filter: transactionFilterSchema.parse(out), problems };
}

/** The search string for this filter with a changed value; blank filters and page 1 are left out. */
export function transactionFilterQuery(filter: TransactionFilter, change: Partial<TransactionFilter> = {}): string {
  const next: TransactionFilter = { ...filter, ...change };
  const q = new URLSearchParams();
  for (const key of Object.keys(LABELS) as (keyof typeof FIELDS)[]) {
    const v = next[key];
    if (v === undefined || (key === 'page' && v === 1)) continue;
    q.set(key, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function hasTransactionFilter(filter: TransactionFilter): boolean {
  return (Object.keys(LABELS) as (keyof typeof FIELDS)[]).some((k) => k !== 'page' && filter[k] !== undefined);
}

/** One page of the filtered ledger; one row more than a page is read to know whether there is a next. */
export async function listTransactionPage(db: SfDb, filter: TransactionFilter, pageSize = TRANSACTION_PAGE_SIZE): Promise<{ rows: TransactionListRow[]; page: number; hasNext: boolean }> {
  const rows = await listTransactions(db, {
    status: filter.status,
    gateway: filter.gateway,
    kind: filter.kind,
    customerSearch: filter.customer,
    createdFrom: filter.from,
    createdTo: filter.to,
    invoicePublicId: filter.invoice,
    limit: pageSize + 1,
    offset: (filter.page - 1) * pageSize,
  });
  return { rows: rows.slice(0, pageSize), page: filter.page, hasNext: rows.length > pageSize };
}
