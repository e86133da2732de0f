import { and, desc, eq, like, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { customers, panels, plans, PROVISIONING_STATUSES, SERVICE_STATUSES, SERVICE_TYPES, services, type Service } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { filterPage, filterText, searchFilter, type FilterOf } from '@/lib/forms/search-filter';
import { containsPattern } from '@/lib/payments/list-transactions';
import { MODULE_KEYS } from '../registry';

export const ADMIN_SERVICE_PAGE_SIZE = 50;

/** One schema per search parameter, so a bad value drops only that filter (and is reported) instead of the page. */
const FIELDS = {
  type: z.enum(SERVICE_TYPES, 'must be one of the listed service types'),
  status: z.enum(SERVICE_STATUSES, 'must be one of the listed statuses'),
  provisioning: z.enum(PROVISIONING_STATUSES, 'must be one of the listed provisioning statuses'),
  module: z.enum(MODULE_KEYS as [string, ...string[]], 'must be one of the listed modules'),
  panel: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^pnl_[a-z0-9]{1,40}$/, 'must be a panel id like pnl_…'),
  customer: filterText,
  page: filterPage,
};

const filters = searchFilter(FIELDS, { type: 'Type', status: 'Status', provisioning: 'Provisioning', module: 'Module', panel: 'Panel', customer: 'Customer', page: 'Page' });

export type AdminServiceFilter = FilterOf<typeof FIELDS>;
/** The services list's filters from the page's search params (see searchFilter). */
export const parseAdminServiceFilter = filters.parse;
export const adminServiceFilterQuery = filters.query;
export const hasAdminServiceFilter = filters.isFiltered;

export interface AdminServiceRow {
  id: number;
  publicId: string;
  label: string;
  status: Service['status'];
  provisioningStatus: Service['provisioningStatus'];
  provisioningError: string | null;
  nextDueOn: string | null;
  customerId: number;
  customerEmail: string;
  planName: string;
  serviceType: (typeof SERVICE_TYPES)[number];
  module: string | null;
  panelPublicId: string | null;
  panelName: string | null;
  panelRef: string | null;
  createdAt: Date;
}

/** One page of services, newest first; one row more than a page is read to know whether there is a next. */
export async function listAdminServicePage(db: SfDb, filter: AdminServiceFilter, pageSize = ADMIN_SERVICE_PAGE_SIZE): Promise<{ rows: AdminServiceRow[]; page: number; hasNext: boolean }> {
  const where: SQL[] = [];
  if (filter.type) where.push(eq(plans.serviceType, filter.type));
  if (filter.status) where.push(eq(services.status, filter.status));
  if (filter.provisioning) where.push(eq(services.provisioningStatus, filter.provisioning));
  if (filter.module) where.push(eq(plans.provisioningModule, filter.module));
  if (filter.panel) where.push(eq(panels.publicId, filter.panel));
  if (filter.customer) {
    const pattern = containsPattern(filter.customer);
    where.push(or(like(customers.email, pattern), like(customers.name, pattern), eq(customers.publicId, filter.customer))!);
  }
  const rows = await db
    .select({
      id: services.id,
      publicId: services.publicId,
      label: services.label,
      status: services.status,
      provisioningStatus: services.provisioningStatus,
      provisioningError: services.provisioningError,
      nextDueOn: services.nextDueOn,
      customerId: customers.id,
      customerEmail: customers.email,
      planName: plans.name,
      serviceType: plans.serviceType,
      module: plans.provisioningModule,
      panelPublicId: panels.publicId,
      panelName: panels.name,
      panelRef: services.panelRef,
      createdAt: services.createdAt,
    })
    .from(services)
    .innerJoin(customers, eq(customers.id, services.customerId))
    .innerJoin(plans, eq(plans.id, services.planId))
    .leftJoin(panels, eq(panels.id, services.panelId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(services.id))
    .limit(pageSize + 1)
    .offset((filter.page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), page: filter.page, hasNext: rows.length > pageSize };
}
