import { z } from 'zod';
import { PAYMENT_TRANSACTION_KINDS, PAYMENT_TRANSACTION_STATUSES } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { filterDay, filterPage, filterText, searchFilter, type FilterOf } from '@/lib/forms/search-filter';
import { GATEWAY_STAFF_NAMES, gatewayIdSchema } from '../registry';
import { listTransactions, TRANSACTION_PAGE_SIZE, type TransactionListRow } from '../list-transactions';

/** One schema per search parameter, so a bad value drops only that filter (and is reported) instead of the page. */
const FIELDS = {
  status: z.enum(PAYMENT_TRANSACTION_STATUSES, 'must be one of the listed statuses'),
  gateway: gatewayIdSchema(`must be ${GATEWAY_STAFF_NAMES}`),
  kind: z.enum(PAYMENT_TRANSACTION_KINDS, 'must be one of the listed kinds'),
  customer: filterText,
  from: filterDay,
  to: filterDay,
  invoice: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^inv_[a-z0-9]{1,40}$/, 'must be an invoice id like inv_…'),
  page: filterPage,
};

const filters = searchFilter(FIELDS, { status: 'Status', gateway: 'Gateway', kind: 'Kind', customer: 'Customer', from: 'From', to: 'To', invoice: 'Invoice', page: 'Page' }, [['from', 'to']]);

export type TransactionFilter = FilterOf<typeof FIELDS>;
/** The ledger's filters from the page's search params (see searchFilter). */
export const parseTransactionFilter = filters.parse;
export const transactionFilterQuery = filters.query;
export const hasTransactionFilter = filters.isFiltered;

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
