import { RESELLER_PIPELINE_STEPS, type PipelineStepStatus, type ResellerPipelineStep } from '@/db/schema/central';

export const PIPELINE_STEP_LABELS: Record<ResellerPipelineStep, string> = {
  database: 'Create database',
  migrate: 'Migrate',
  seed: 'Seed defaults',
  hostnames: 'Hostnames',
  branding: 'Branding defaults',
  invite: 'Owner invitation',
  activate: 'Go live',
  welcome: 'Welcome email',
};

export interface StepState {
  step: ResellerPipelineStep;
  status: PipelineStepStatus;
  error?: string | null;
  attempts?: number;
}

export interface PipelineSummary {
  done: number;
  total: number;
  /** Whole percent of steps done, 0–100. */
  percent: number;
  /** The step running or next to run; null once every step is done. */
  current: ResellerPipelineStep | null;
  /** The step that failed last, with its error, while it has not been redone. */
  failed: { step: ResellerPipelineStep; error: string } | null;
}

/** Where a reseller's pipeline stands, from its step rows (in any order). */
export function summarizePipeline(steps: readonly StepState[]): PipelineSummary {
  const byStep = new Map(steps.map((s) => [s.step, s]));
  const ordered = RESELLER_PIPELINE_STEPS.map((step) => byStep.get(step) ?? { step, status: 'pending' as const, error: null });
  const done = ordered.filter((s) => s.status === 'done').length;
  const total = ordered.length;
  const current = ordered.find((s) => s.status !== 'done')?.step ?? null;
  const failedRow = ordered.find((s) => s.status === 'failed');
  return {
    done,
    total,
    percent: Math.floor((done * 100) / total),
    current,
    failed: failedRow ? { step: failedRow.step, error: failedRow.error ?? 'failed' } : null,
  };
}

/** A provisioning pipeline with no step activity for this long has probably lost its job or process. */
export const PIPELINE_STALL_MS = 2 * 60_000;

export function isPipelineStalled(lastActivity: Date, now: Date = new Date()): boolean {
  return now.getTime() - lastActivity.getTime() > PIPELINE_STALL_MS;
}
