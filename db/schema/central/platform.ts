import { index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar, text } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';

export const platformSettings = mysqlTable('platform_settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: jsonColumn<unknown>('value').notNull(),
  updatedAt: updatedAt(),
});

// One row per job execution key: lets a handler that must run once per key (a billing period, a webhook event)
// know it already ran, and gives `bin/ezscale queues` and the admin a history that outlives Redis.
export const jobRuns = mysqlTable(
  'job_runs',
  {
    id: id(),
    jobKey: varchar('job_key', { length: 191 }).notNull(),
    queue: varchar('queue', { length: 40 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    storefrontId: ref('storefront_id'),
    status: mysqlEnum('status', ['running', 'completed', 'failed']).notNull(),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    lastError: text('last_error'),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('job_runs_key_uq').on(t.jobKey), index('job_runs_status_idx').on(t.status, t.updatedAt)],
);
