import type { SfDb } from '@/lib/db/connection';
import { auditLog } from '@/db/schema/storefront';
import { bulkInsert } from '@/lib/db/bulk-insert';

export interface AuditActor {
  type: 'customer' | 'team_member' | 'staff' | 'system';
  id?: number | null;
  label?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string | number };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

function auditRow(event: AuditEvent) {
  return {
    actorType: event.actor.type,
    actorId: event.actor.id ?? null,
    actorLabel: event.actor.label?.slice(0, 254) ?? null,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target ? String(event.target.id) : null,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: event.actor.ip ?? null,
    userAgent: event.actor.userAgent?.slice(0, 500) ?? null,
  };
}

/** Call with the transaction that makes the change, so the record and the change commit together. */
export async function recordAudit(db: SfDb, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values(auditRow(event));
}

/** Many records in one statement, for batch work (the billing run issuing invoices by the hundred). */
export async function recordAudits(db: SfDb, events: AuditEvent[]): Promise<void> {
  await bulkInsert(db, auditLog, events.map(auditRow));
}

export const SYSTEM_ACTOR: AuditActor = { type: 'system', label: 'system' };
