import { bigint, char, datetime, index, int, mysqlEnum, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '@/lib/db/columns';

// Kasm Workspaces desktop sessions (lib/kasm): one row per Kasm session ("kasm") of a service, however we learned of
// it. The unique key on (panel, kasm id) is what makes the app and the tracker record a session once; the usage event
// a stopped session bills carries 'kasm:<kasm id>' as its transaction id, so it is billed once too.

export const KASM_SESSION_STATUSES = ['starting', 'running', 'stopped'] as const;
export type KasmSessionStatus = (typeof KASM_SESSION_STATUSES)[number];
/** Who recorded the session: the customer's Start button, the tracker finding it on the panel, or a staff correction. */
export const KASM_SESSION_SOURCES = ['app', 'tracker', 'staff_correction'] as const;
export type KasmSessionSource = (typeof KASM_SESSION_SOURCES)[number];
/** Why a session ended. */
export const KASM_SESSION_END_REASONS = ['customer', 'staff', 'vanished', 'max_length', 'idle', 'no_credit', 'correction'] as const;
export type KasmSessionEndReason = (typeof KASM_SESSION_END_REASONS)[number];

export const kasmSessions = mysqlTable(
  'kasm_sessions',
  {
    id: id(),
    serviceId: ref('service_id').notNull(),
    panelId: ref('panel_id').notNull(),
    /** Kasm's id, dashes removed and lower-cased (Kasm writes it both ways). */
    kasmId: varchar('kasm_id', { length: 64 }).notNull(),
    /** The link that opens this session for its user; null for sessions we did not start. */
    kasmUrl: varchar('kasm_url', { length: 1000 }),
    status: mysqlEnum('status', KASM_SESSION_STATUSES).notNull(),
    source: mysqlEnum('source', KASM_SESSION_SOURCES).notNull(),
    startedAt: datetime('started_at', { mode: 'date', fsp: 3 }).notNull(),
    /** The session's last keepalive as the tracker last saw it: where a session that vanished is closed. */
    lastSeenAt: datetime('last_seen_at', { mode: 'date', fsp: 3 }),
    stoppedAt: datetime('stopped_at', { mode: 'date', fsp: 3 }),
    endReason: mysqlEnum('end_reason', KASM_SESSION_END_REASONS),
    /** The running time rounded up to 15-minute increments, set when the session stops. */
    billedMinutes: int('billed_minutes'),
    /** When its usage event was accepted; null on a stopped session means the tracker bills it on its next run. */
    billedAt: datetime('billed_at', { mode: 'date', fsp: 3 }),
    /** A staff correction's reason. */
    reason: varchar('reason', { length: 500 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('kasm_sessions_panel_kasm_uq').on(t.panelId, t.kasmId),
    index('kasm_sessions_service_idx').on(t.serviceId, t.startedAt),
    index('kasm_sessions_status_idx').on(t.status, t.billedAt),
  ],
);

/** The customer's own settings for a desktop service. */
export const kasmDesktopSettings = mysqlTable('kasm_desktop_settings', {
  serviceId: ref('service_id').primaryKey(),
  /** The tracker stops a session whose last keepalive is this many minutes old; null never. */
  idleStopMinutes: int('idle_stop_minutes'),
  updatedAt: updatedAt(),
});

export type KasmSessionRow = typeof kasmSessions.$inferSelect;

export const KASM_BALANCE_LEVELS = ['half', 'fifth', 'empty'] as const;
export type KasmBalanceLevel = (typeof KASM_BALANCE_LEVELS)[number];

/**
 * Low-balance notices for customers paying desktops from credit alone (no saved method): at half and a fifth of
 * their credit left after this period's usage, and when it is spent (running sessions stopped). The key makes
 * each one once per customer and period; the row is also the in-app notice.
 */
export const kasmBalanceNotices = mysqlTable(
  'kasm_balance_notices',
  {
    customerId: ref('customer_id').notNull(),
    periodStart: varchar('period_start', { length: 10 }).notNull(),
    level: mysqlEnum('level', KASM_BALANCE_LEVELS).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    creditMinor: bigint('credit_minor', { mode: 'number' }).notNull(),
    remainingMinor: bigint('remaining_minor', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'kasm_balance_notices_pk', columns: [t.customerId, t.periodStart, t.level] })],
);
