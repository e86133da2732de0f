import { index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar, mediumtext } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';

// Every email goes through this table: written in the same transaction as the change that causes it,
// sent by a job. dedupe_key makes "send this once" a constraint rather than a lookup.
export const emailOutbox = mysqlTable(
  'email_outbox',
  {
    id: id(),
    dedupeKey: varchar('dedupe_key', { length: 191 }),
    toAddress: varchar('to_address', { length: 254 }).notNull(),
    template: varchar('template', { length: 60 }).notNull(),
    props: jsonColumn<Record<string, unknown>>('props').notNull(),
    subject: varchar('subject', { length: 255 }),
    html: mediumtext('html'),
    text: mediumtext('text'),
    status: mysqlEnum('status', ['queued', 'sending', 'sent', 'failed']).notNull().default('queued'),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    lastError: text('last_error'),
    messageId: varchar('message_id', { length: 255 }),
    sentAt: timestamp('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('email_outbox_dedupe_uq').on(t.dedupeKey), index('email_outbox_status_idx').on(t.status, t.createdAt)],
);

export const adminAlerts = mysqlTable(
  'admin_alerts',
  {
    id: id(),
    severity: mysqlEnum('severity', ['info', 'warning', 'critical']).notNull(),
    category: varchar('category', { length: 60 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    body: text('body').notNull(),
    dedupeKey: varchar('dedupe_key', { length: 191 }),
    discordStatus: mysqlEnum('discord_status', ['not_configured', 'pending', 'sent', 'failed']).notNull(),
    discordError: text('discord_error'),
    acknowledgedAt: timestamp('acknowledged_at'),
    acknowledgedBy: ref('acknowledged_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('admin_alerts_dedupe_uq').on(t.dedupeKey), index('admin_alerts_open_idx').on(t.acknowledgedAt, t.createdAt)],
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
export type AdminAlert = typeof adminAlerts.$inferSelect;
