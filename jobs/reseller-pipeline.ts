import { runResellerPipeline } from '@/lib/resellers/pipeline/run-reseller-pipeline';
import { defineJob } from './define-job';
import { resellerPipelineSpec } from './specs';

/**
 * Builds a reseller's storefront step by step, reporting the share of steps done as the job's progress. A worker
 * killed mid-step hands the job to the next (stalled-job recovery), which resumes at the interrupted step. A failed
 * step fails the job (platform staff are alerted) and shows on the reseller's row with a Retry button.
 */
export const resellerPipelineJob = defineJob({
  ...resellerPipelineSpec,
  handler: async ({ resellerId }, { job, log }) => {
    const result = await runResellerPipeline(resellerId, {
      onProgress: async (p) => {
        if (p.status !== 'running') log(`${p.reseller}: ${p.step} ${p.status}${p.error ? `: ${p.error}` : ''} (${p.done}/${p.total})`);
        await job.updateProgress(p.percent);
      },
    });
    if (result.status === 'failed') throw new Error(`Reseller pipeline failed at step ${result.failed?.step ?? '?'}: ${result.failed?.error ?? 'unknown error'}`);
    return { status: result.status };
  },
});
