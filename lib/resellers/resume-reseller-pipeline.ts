import type { AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import type { Reseller } from '@/db/schema/central';
import { getResellerOrThrow } from './get-reseller-or-throw';
import { recordPlatformAudit } from './record-platform-audit';
import { moveReseller } from './reseller-status';

/**
 * Readies a reseller's pipeline to run again, audited: a failed one goes back to provisioning (the failed step
 * reruns first, then the rest); a provisioning one whose run died (a lost job, a killed CLI) is resumed as it is.
 * The caller then queues the job or runs the pipeline; either way, steps already done are skipped.
 */
export async function resumeResellerPipeline(central: CentralDb, opts: { publicId: string; actor: AuditActor }): Promise<Reseller> {
  const reseller = await getResellerOrThrow(central, opts.publicId);
  if (reseller.status !== 'failed' && reseller.status !== 'provisioning') {
    throw new AppError('conflict', `This reseller is ${reseller.status}: its storefront is already built.`);
  }
  await central.transaction(async (tx) => {
    if (reseller.status === 'failed' && !(await moveReseller(tx, reseller.id, 'failed', 'provisioning'))) {
      throw new AppError('conflict', 'This reseller changed meanwhile; reload the page.');
    }
    await recordPlatformAudit(tx, {
      actor: opts.actor,
      action: reseller.status === 'failed' ? 'reseller.pipeline_retried' : 'reseller.pipeline_resumed',
      target: { type: 'reseller', id: reseller.id },
      before: { status: reseller.status },
      after: { status: 'provisioning' },
    });
  });
  return { ...reseller, status: 'provisioning' };
}
