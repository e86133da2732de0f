import { and, eq, inArray } from 'drizzle-orm';
import { services, type Service, type ServiceStatus, type SuspensionReason } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { serviceActionQueue, type ServiceAction } from './service-actions';

/** The allowed moves of a service's status; anything else is refused. */
export const SERVICE_TRANSITIONS: Record<ServiceStatus, readonly ServiceStatus[]> = {
  pending: ['active', 'cancelled'],
  active: ['suspended', 'terminated', 'cancelled'],
  suspended: ['active', 'terminated', 'cancelled'],
  terminated: [],
  cancelled: [],
};

const PANEL_ACTION: Partial<Record<`${ServiceStatus}>${ServiceStatus}`, ServiceAction>> = {
  'pending>active': 'provision',
  'active>suspended': 'suspend',
  'suspended>active': 'unsuspend',
  'active>terminated': 'terminate',
  'suspended>terminated': 'terminate',
  'active>cancelled': 'terminate',
  'suspended>cancelled': 'terminate',
};

export interface TransitionOptions {
  serviceId: number;
  to: ServiceStatus;
  /** Required when suspending. */
  reason?: SuspensionReason;
  /** Only move from these statuses (e.g. lift only "overdue" suspensions). */
  onlyFrom?: readonly ServiceStatus[];
  onlySuspendedFor?: SuspensionReason;
  extra?: Partial<Pick<Service, 'nextDueOn' | 'anchorDay'>>;
  /** Why, in words (staff actions); kept in the audit row. */
  note?: string;
  actor: AuditActor;
  now: Date;
}

/**
 * Moves a service along the state machine with a guarded UPDATE (… WHERE status = <what we read>), audits it and
 * asks the panel to follow, all in the caller's transaction. Returns false when the service was not in a state
 * this move applies to (so re-running a pass is harmless); throws on a move the machine forbids.
 */
export async function transitionService(tx: SfDb, opts: TransitionOptions): Promise<boolean> {
  const [svc] = await tx.select().from(services).where(eq(services.id, opts.serviceId)).for('update');
  if (!svc) throw new AppError('not_found', 'No such service.');
  if (opts.onlyFrom && !opts.onlyFrom.includes(svc.status)) return false;
  if (opts.onlySuspendedFor && svc.suspensionReason !== opts.onlySuspendedFor) return false;
  if (svc.status === opts.to) return false;
  if (!SERVICE_TRANSITIONS[svc.status].includes(opts.to)) {
    throw new AppError('conflict', `A ${svc.status} service can’t become ${opts.to}.`);
  }
  if (opts.to === 'suspended' && !opts.reason) throw new AppError('bad_request', 'A suspension needs a reason.');
  const stamp =
    opts.to === 'suspended'
      ? { suspendedAt: opts.now, suspensionReason: opts.reason! }
      : opts.to === 'terminated'
        ? { terminatedAt: opts.now, suspensionReason: null }
        : opts.to === 'cancelled'
          ? { cancelledAt: opts.now, suspensionReason: null }
          : { suspensionReason: null, suspendedAt: null };
  const [res] = await tx
    .update(services)
    .set({ status: opts.to, ...stamp, ...opts.extra })
    .where(and(eq(services.id, svc.id), eq(services.status, svc.status)));
  if (res.affectedRows !== 1) return false;
  await recordAudit(tx, {
    actor: opts.actor,
    action: `service.${opts.to === 'active' && svc.status === 'suspended' ? 'unsuspended' : opts.to}`,
    target: { type: 'service', id: svc.publicId },
    before: { status: svc.status, suspensionReason: svc.suspensionReason, nextDueOn: svc.nextDueOn },
    after: { status: opts.to, suspensionReason: opts.to === 'suspended' ? opts.reason : null, ...opts.extra, ...(opts.note ? { note: opts.note } : {}) },
  });
  const action = PANEL_ACTION[`${svc.status}>${opts.to}`];
  if (action) await serviceActionQueue().request(tx, { serviceId: svc.id, action });
  return true;
}

/** Services of these ids that are in one of the statuses. */
export async function servicesIn(tx: SfDb, ids: number[], statuses: ServiceStatus[]): Promise<Service[]> {
  if (!ids.length) return [];
  return tx.select().from(services).where(and(inArray(services.id, ids), inArray(services.status, statuses)));
}
