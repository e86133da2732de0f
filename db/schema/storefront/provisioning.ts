import { boolean, index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';

export const PANEL_FILL_STRATEGIES = ['least_used', 'in_order'] as const;

/** A control panel staff registered: VirtFusion, Pterodactyl, SynergyCP, Enhance… Credentials are sealed with APP_KEY. */
export const panels = mysqlTable(
  'panels',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    module: varchar('module', { length: 40 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    url: varchar('url', { length: 500 }).notNull(),
    /** JSON of the module's credentials, sealed (lib/security/secret-box). */
    credentials: text('credentials').notNull(),
    options: jsonColumn<Record<string, unknown>>('options').notNull(),
    /** Plans may target a group of panels instead of one; the fill strategy picks among the group. */
    groupKey: varchar('group_key', { length: 60 }),
    /** Most live services this panel takes (null: no limit). */
    capacity: int('capacity'),
    sortOrder: int('sort_order').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('panels_public_id_uq').on(t.publicId), index('panels_group_idx').on(t.groupKey, t.sortOrder)],
);

export const PROVISIONING_ACTIONS = ['provision', 'suspend', 'unsuspend', 'terminate', 'change_package'] as const;
export type ProvisioningAction = (typeof PROVISIONING_ACTIONS)[number];
export const PROVISIONING_REQUEST_STATUSES = ['queued', 'running', 'done', 'waiting', 'failed'] as const;

/**
 * What the panel must be told, written in the transaction that changed the service (an outbox): the job that
 * carries it out is keyed by this row's id, so a request runs once however often it is dispatched.
 */
export const provisioningRequests = mysqlTable(
  'provisioning_requests',
  {
    id: id(),
    serviceId: ref('service_id').notNull(),
    action: mysqlEnum('action', PROVISIONING_ACTIONS).notNull(),
    status: mysqlEnum('status', PROVISIONING_REQUEST_STATUSES).notNull().default('queued'),
    attempts: int('attempts').notNull().default(0),
    lastError: varchar('last_error', { length: 500 }),
    /** Who asked: "billing:run", a staff email, "order". */
    requestedBy: varchar('requested_by', { length: 255 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('provisioning_requests_service_idx').on(t.serviceId, t.id), index('provisioning_requests_status_idx').on(t.status, t.createdAt)],
);

/** Every panel call made for a service, with secrets removed: what staff read when something went wrong. */
export const provisioningLog = mysqlTable(
  'provisioning_log',
  {
    id: id(),
    serviceId: ref('service_id').notNull(),
    requestId: ref('request_id'),
    action: varchar('action', { length: 40 }).notNull(),
    attempt: int('attempt').notNull().default(1),
    method: varchar('method', { length: 10 }),
    path: varchar('path', { length: 500 }),
    requestSummary: text('request_summary'),
    responseStatus: int('response_status'),
    responseExcerpt: text('response_excerpt'),
    durationMs: int('duration_ms'),
    error: varchar('error', { length: 500 }),
    ok: boolean('ok').notNull(),
    actor: varchar('actor', { length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [index('provisioning_log_service_idx').on(t.serviceId, t.id)],
);
