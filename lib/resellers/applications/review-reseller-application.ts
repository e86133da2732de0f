import { and, eq } from 'drizzle-orm';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb, CentralHandle } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { resellerApplications, type ResellerApplication } from '@/db/schema/central';
import { createReseller, type CreatedReseller } from '../create-reseller';
import { recordPlatformAudit } from '../record-platform-audit';
import { approveApplicationSchema, rejectApplicationSchema } from '../schemas';

async function pendingApplication(central: CentralHandle, publicId: string): Promise<ResellerApplication> {
  const [app] = await central.select().from(resellerApplications).where(eq(resellerApplications.publicId, publicId)).limit(1);
  if (!app) throw new AppError('not_found', 'That application does not exist.');
  if (app.status !== 'pending') throw new AppError('conflict', `That application was already ${app.status}.`);
  return app;
}

/**
 * Approves an application: creates the reseller (company as its name, the applicant as owner) on the slug and
 * program staff chose, approving the application in the same transaction. The caller queues the pipeline, the
 * same one a reseller created by hand runs.
 */
export async function approveResellerApplication(central: CentralDb, opts: { input: Record<string, unknown>; actor: AuditActor }): Promise<CreatedReseller> {
  const parsed = approveApplicationSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const app = await pendingApplication(central, parsed.data.applicationId);
  return createReseller(central, {
    input: { name: app.company, ownerEmail: app.email, ownerName: app.name, slug: parsed.data.slug, program: parsed.data.program },
    actor: opts.actor,
    applicationId: app.id,
  });
}

/** Rejects a pending application (guarded: a reviewed one stays as it is), with an optional note, audited. */
export async function rejectResellerApplication(central: CentralDb, opts: { input: Record<string, unknown>; actor: AuditActor }): Promise<void> {
  const parsed = rejectApplicationSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const app = await pendingApplication(central, parsed.data.applicationId);
  const reviewedBy = (opts.actor.label ?? opts.actor.type).slice(0, 254);
  await central.transaction(async (tx) => {
    const [res] = await tx
      .update(resellerApplications)
      .set({ status: 'rejected', reviewedBy, reviewedAt: new Date(), reviewNote: parsed.data.note ?? null })
      .where(and(eq(resellerApplications.id, app.id), eq(resellerApplications.status, 'pending')));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'That application was already reviewed.');
    await recordPlatformAudit(tx, {
      actor: opts.actor,
      action: 'reseller_application.rejected',
      target: { type: 'reseller_application', id: app.id },
      before: { status: 'pending' },
      after: { status: 'rejected', note: parsed.data.note ?? null },
    });
  });
}
