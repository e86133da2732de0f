import { enqueueIdempotent } from '@/jobs/enqueue';
import { resellerPipelineSpec } from '@/jobs/specs';

/** Queues the reseller's pipeline under one id per reseller: queued twice it runs once; a failed job is retried. */
export async function enqueueResellerPipeline(resellerId: number): Promise<void> {
  await enqueueIdempotent(resellerPipelineSpec, { resellerId }, `reseller-pipeline:${resellerId}`);
}
