import { index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref } from '@/lib/db/columns';

// Append-only: nothing in the codebase updates or deletes these rows.
export const auditLog = mysqlTable(
  'audit_log',
  {
    id: id(),
    actorType: mysqlEnum('actor_type', ['customer', 'team_member', 'staff', 'system']).notNull(),
    actorId: ref('actor_id'),
    actorLabel: varchar('actor_label', { length: 254 }),
    action: varchar('action', { length: 100 }).notNull(),
    targetType: varchar('target_type', { length: 60 }),
    targetId: varchar('target_id', { length: 64 }),
    before: jsonColumn<Record<string, unknown> | null>('before'),
    after: jsonColumn<Record<string, unknown> | null>('after'),
    ip: varchar('ip', { length: 45 }),
    userAgent: varchar('user_agent', { length: 500 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_actor_idx').on(t.actorType, t.actorId),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
