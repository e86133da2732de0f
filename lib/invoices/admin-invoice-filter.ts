import { z } from 'zod';
import { INVOICE_STATUSES } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { filterDay, filterPage, filterText, searchFilter, type FilterOf } from '@/lib/forms/search-filter';
import { listInvoices, type InvoiceListRow } from './get-invoice';

export const ADMIN_INVOICE_PAGE_SIZE = 50;

/** One schema per search parameter, so a bad value drops only that filter (and is reported) instead of the page. */
const FIELDS = {
  status: z.enum(INVOICE_STATUSES, 'must be one of the listed statuses'),
  customer: filterText,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'),
  issuedFrom: filterDay,
  issuedTo: filterDay,
  dueFrom: filterDay,
  dueTo: filterDay,
  page: filterPage,
};

const filters = searchFilter(
  FIELDS,
  { status: 'Status', customer: 'Customer', currency: 'Currency', issuedFrom: 'Issued from', issuedTo: 'Issued to', dueFrom: 'Due from', dueTo: 'Due to', page: 'Page' },
  [
    ['issuedFrom', 'issuedTo'],
    ['dueFrom', 'dueTo'],
  ],
);

export type AdminInvoiceFilter = FilterOf<typeof FIELDS>;
/** The admin invoice list's filters from the page's search params (see searchFilter). */
export const parseAdminInvoiceFilter = filters.parse;
export const adminInvoiceFilterQuery = filters.query;
export const hasAdminInvoiceFilter = filters.isFiltered;

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
