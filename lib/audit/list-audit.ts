import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { auditLog, type AuditEntry } from '@/db/schema/storefront';
import { csvCell } from '@/lib/csv/csv-cell';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31');

export const auditFilterSchema = z.object({
  actorType: optional(z.enum(['customer', 'team_member', 'staff', 'system'])),
  actorId: optional(z.coerce.number().int().positive()),
  action: optional(z.string().trim().max(100)),
  targetType: optional(z.string().trim().max(60)),
  targetId: optional(z.string().trim().max(64)),
  from: optional(day),
  to: optional(day),
  /** Keyset pagination: entries older than this id. */
  before: optional(z.coerce.number().int().positive()),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

function conditions(f: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.actorType ? eq(auditLog.actorType, f.actorType) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
    f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
    f.from ? gte(auditLog.createdAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
    // "to" is inclusive of the whole day.
    f.to ? lte(auditLog.createdAt, new Date(`${f.to}T23:59:59.999Z`)) : undefined,
    f.before ? lt(auditLog.id, f.before) : undefined,
  ];
  return and(...parts);
}

/** Newest first, one page at a time; `nextBefore` continues the listing. */
export async function listAuditEntries(db: SfDb, filter: AuditFilter, limit = 100): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const rows = await db.select().from(auditLog).where(conditions(filter)).orderBy(desc(auditLog.id)).limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
}

const CSV_COLUMNS = ['id', 'created_at', 'actor_type', 'actor_id', 'actor_label', 'action', 'target_type', 'target_id', 'before', 'after', 'ip', 'user_agent'] as const;

/** The filtered log as CSV, streamed page by page so an export of any size keeps memory flat. */
export async function* auditCsv(db: SfDb, filter: AuditFilter): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\n`;
  let before = filter.before;
  for (;;) {
    const { entries, nextBefore } = await listAuditEntries(db, { ...filter, before }, 1000);
    for (const e of entries) {
      yield `${[e.id, e.createdAt, e.actorType, e.actorId, e.actorLabel, e.action, e.targetType, e.targetId, e.before, e.after, e.ip, e.userAgent].map(csvCell).join(',')}\n`;
    }
    if (!nextBefore) return;
    before = nextBefore;
  }
}
