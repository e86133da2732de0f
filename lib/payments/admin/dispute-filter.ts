import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { filterPage, searchFilter, type FilterOf } from '@/lib/forms/search-filter';
import { DISPUTE_PAGE_SIZE, listDisputes, type DisputeListRow } from '../disputes/list-disputes';
import { GATEWAY_STAFF_NAMES, gatewayIdSchema } from '../registry';

export const DISPUTE_STATES = ['open', 'won', 'lost'] as const;

/** One schema per search parameter, so a bad value drops only that filter (and is reported) instead of the page. */
const FIELDS = {
  state: z.enum(DISPUTE_STATES, 'must be open, won or lost'),
  gateway: gatewayIdSchema(`must be ${GATEWAY_STAFF_NAMES}`),
  page: filterPage,
};

const filters = searchFilter(FIELDS, { state: 'State', gateway: 'Gateway', page: 'Page' });

export type DisputeFilter = FilterOf<typeof FIELDS>;
export const parseDisputeFilter = filters.parse;
export const disputeFilterQuery = filters.query;
export const hasDisputeFilter = filters.isFiltered;

/** One page of the filtered disputes; one row more than a page is read to know whether there is a next. */
export async function listDisputePage(db: SfDb, filter: DisputeFilter, pageSize = DISPUTE_PAGE_SIZE): Promise<{ rows: DisputeListRow[]; page: number; hasNext: boolean }> {
  const rows = await listDisputes(db, { state: filter.state, gateway: filter.gateway, limit: pageSize + 1, offset: (filter.page - 1) * pageSize });
  return { rows: rows.slice(0, pageSize), page: filter.page, hasNext: rows.length > pageSize };
}
