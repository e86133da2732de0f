import { z } from 'zod';
import { INVOICE_STATUSES } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { listInvoices, type InvoiceListRow } from './get-invoice';

export const ADMIN_INVOICE_PAGE_SIZE = 50;

const day = z.iso.date('must be a date (YYYY-MM-DD)');

/** One schema per search parameter, so a bad value drops only that filter (and is reported) instead of the page. */
const FIELDS = {
  status: z.enum(INVOICE_STATUSES, 'must be one of the listed statuses'),
  customer: z.string().trim().min(1).max(100, 'must be at most 100 characters'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
  issuedFrom: day,
  issuedTo: day,
  dueFrom: day,
  dueTo: day,
  page: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a page number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be a page number')),
} as const;

export const adminInvoiceFilterSchema = z.object({
  status: FIELDS.status.optional(),
  customer: FIELDS.customer.optional(),
  currency: FIELDS.currency.optional(),
  issuedFrom: day.optional(),
  issuedTo: day.optional(),
  dueFrom: day.optional(),
  dueTo: day.optional(),
  page: z.number().int().min(1),
});

export type AdminInvoiceFilter = z.infer<typeof adminInvoiceFilterSchema>;

const LABELS: Record<keyof typeof FIELDS, string> = {
  status: 'Status',
  customer: 'Customer',
  currency: 'Currency',
  issuedFrom: 'Issued from',
  issuedTo: 'Issued to',
  dueFrom: 'Due from',
  dueTo: 'Due to',
  page: 'Page',
};

/**
 * The admin invoice list's filters from the page's search params. Blank values mean "no filter"; a value that does
 * not parse (or a range whose start is after its end) is left out and described in `problems`, never an error.
 */
export function parseAdminInvoiceFilter(params: Record<string, string | string[] | undefined>): { filter: AdminInvoiceFilter; problems: string[] } {
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
  for (const [from, to] of [
    ['issuedFrom', 'issuedTo'],
    ['dueFrom', 'dueTo'],
  ] as const) {
    if (typeof out[from] === 'string' && typeof out[to] === 'string' && (out[from] as string) > (out[to] as string)) {
      problems.push(`${LABELS[from]} is after ${LABELS[to].toLowerCase()}: that range is ignored.`);
      delete out[from];
      delete out[to];
    }
  }
  return { filter: adminInvoiceFilterSchema.parse(out), problems };
}

/** The search string for this filter on another page (or with a changed value); blank filters are left out. */
export function adminInvoiceFilterQuery(filter: AdminInvoiceFilter, change: Partial<AdminInvoiceFilter> = {}): string {
  const next: AdminInvoiceFilter = { ...filter, ...change };
  const q = new URLSearchParams();
  for (const key of Object.keys(LABELS) as (keyof typeof FIELDS)[]) {
    const v = next[key];
    if (v === undefined || (key === 'page' && v === 1)) continue;
    q.set(key, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Whether any filter other than the page is set. */
export function hasAdminInvoiceFilter(filter: AdminInvoiceFilter): boolean {
  return (Object.keys(LABELS) as (keyof typeof FIELDS)[]).some((k) => k !== 'page' && filter[k] !== undefined);
}

export interface AdminInvoicePage {
  rows: InvoiceListRow[];
  page: number;
  hasNext: boolean;
}

/** One page of the filtered admin invoice list, newest first; one row more than a page is read to know if there is a next. */
export async function listAdminInvoicePage(db: SfDb, filter: AdminInvoiceFilter, pageSize = ADMIN_INVOICE_PAGE_SIZE): Promise<AdminInvoicePage> {
  const rows = await listInvoices(db, {
    status: filter.status,
    customerSearch: filter.customer,
    currency: filter.currency,
    issuedFrom: filter.issuedFrom,
    issuedTo: filter.issuedTo,
    dueFrom: filter.dueFrom,
    dueTo: filter.dueTo,
    limit: pageSize + 1,
    offset: (filter.page - 1) * pageSize,
  });
  return { rows: rows.slice(0, pageSize), page: filter.page, hasNext: rows.length > pageSize };
}
