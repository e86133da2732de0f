import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { env } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { splitDatabaseUrl } from '@/lib/db/connection';
import { lockName, withNamedLock } from '@/lib/db/migrate';
import { resellerPipelineSteps, resellerPrograms, resellers, storefronts, type PipelineStepStatus, type ResellerPipelineStep, type ResellerStatus } from '@/db/schema/central';
import { summarizePipeline, type PipelineSummary } from '../pipeline-summary';
import { moveReseller } from '../reseller-status';
import { activateResellerStorefront } from './activate-reseller-storefront';
import { addResellerHostnames } from './add-reseller-hostnames';
import { applyBrandingDefaults } from './apply-branding-defaults';
import { inviteResellerOwner } from './invite-reseller-owner';
import { seedResellerStorefront } from './seed-reseller-storefront';
import { sendResellerWelcome } from './send-reseller-welcome';
import type { PipelineStepRunner, StepContext } from './step-context';
import { createStorefrontDatabase, migrateResellerStorefront } from './storefront-database';

const RUNNERS: Record<ResellerPipelineStep, PipelineStepRunner> = {
  database: createStorefrontDatabase,
  migrate: migrateResellerStorefront,
  seed: seedResellerStorefront,
  hostnames: addResellerHostnames,
  branding: applyBrandingDefaults,
  invite: inviteResellerOwner,
  activate: activateResellerStorefront,
  welcome: sendResellerWelcome,
};

const MAX_ERROR_LENGTH = 2000;

export interface PipelineProgress extends PipelineSummary {
  reseller: string;
  step: ResellerPipelineStep;
  status: PipelineStepStatus;
  error?: string;
}

export interface PipelineHooks {
  /**
   * Called before a step's work and again after it, before it is recorded as done. Outside the step's error
   * handling: what one throws leaves the rows as a process killed at that moment would (tests simulate crashes so).
   */
  beforeStep?: (step: ResellerPipelineStep) => void | Promise<void>;
  afterStepWork?: (step: ResellerPipelineStep) => void | Promise<void>;
}

export interface RunPipelineOptions {
  onProgress?: (p: PipelineProgress) => void | Promise<void>;
  hooks?: PipelineHooks;
  /** How long to wait for another process running this reseller's pipeline; 0 (the job's) gives up at once. */
  lockWaitSeconds?: number;
}

export interface PipelineOutcome {
  /** 'busy': another process holds this reseller's pipeline; 'skipped': the reseller is not provisioning. */
  status: ResellerStatus | 'busy' | 'skipped';
  failed: PipelineSummary['failed'];
  steps: { step: ResellerPipelineStep; status: PipelineStepStatus }[];
}

class PipelineBusy extends Error {}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

async function loadSteps(resellerId: number) {
  return getCentralDb()
    .select({ step: resellerPipelineSteps.step, status: resellerPipelineSteps.status, error: resellerPipelineSteps.error, attempts: resellerPipelineSteps.attempts })
    .from(resellerPipelineSteps)
    .where(eq(resellerPipelineSteps.resellerId, resellerId))
    .orderBy(asc(resellerPipelineSteps.position));
}

type StepChanges = { [K in keyof typeof resellerPipelineSteps.$inferInsert]?: (typeof resellerPipelineSteps.$inferInsert)[K] | SQL };

async function setStep(resellerId: number, step: ResellerPipelineStep, changes: StepChanges): Promise<void> {
  await getCentralDb()
    .update(resellerPipelineSteps)
    .set(changes)
    .where(and(eq(resellerPipelineSteps.resellerId, resellerId), eq(resellerPipelineSteps.step, step)));
}

async function stepContext(resellerId: number, attempt: number): Promise<StepContext> {
  const central = getCentralDb();
  const [row] = await central
    .select({ reseller: resellers, storefront: storefronts, program: resellerPrograms })
    .from(resellers)
    .innerJoin(storefronts, eq(storefronts.id, resellers.storefrontId))
    .innerJoin(resellerPrograms, eq(resellerPrograms.id, resellers.programId))
    .where(eq(resellers.id, resellerId));
  if (!row) throw new Error(`Reseller ${resellerId} does not exist.`);
  return { central, ...row, attempt, actor: { type: 'system', label: `platform: ${row.reseller.createdBy}`.slice(0, 254) } };
}

async function outcome(resellerId: number, status: PipelineOutcome['status']): Promise<PipelineOutcome> {
  const steps = await loadSteps(resellerId);
  return { status, failed: summarizePipeline(steps).failed, steps: steps.map(({ step, status: s }) => ({ step, status: s })) };
}

async function run(resellerId: number, opts: RunPipelineOptions): Promise<PipelineOutcome> {
  const [start] = await getCentralDb().select({ status: resellers.status, publicId: resellers.publicId }).from(resellers).where(eq(resellers.id, resellerId));
  if (!start) throw new Error(`Reseller ${resellerId} does not exist.`);
  if (start.status !== 'provisioning') return outcome(resellerId, start.status === 'active' ? 'active' : 'skipped');
  const report = async (step: ResellerPipelineStep, status: PipelineStepStatus, error?: string) => {
    if (!opts.onProgress) return;
    const summary = summarizePipeline(await loadSteps(resellerId));
    await opts.onProgress({ ...summary, reseller: start.publicId, step, status, ...(error ? { error } : {}) });
  };
  for (const { step, status, attempts } of await loadSteps(resellerId)) {
    if (status === 'done') continue;
    await setStep(resellerId, step, { status: 'running', attempts: sql`${resellerPipelineSteps.attempts} + 1`, startedAt: new Date(), finishedAt: null, error: null });
    await report(step, 'running');
    await opts.hooks?.beforeStep?.(step);
    try {
      // Fresh each step: earlier steps change the storefront row (branding, status).
      await RUNNERS[step](await stepContext(resellerId, attempts + 1));
    } catch (err) {
      const error = errorText(err);
      await setStep(resellerId, step, { status: 'failed', error, finishedAt: new Date() });
      await moveReseller(getCentralDb(), resellerId, 'provisioning', 'failed');
      await report(step, 'failed', error);
      return outcome(resellerId, 'failed');
    }
    await opts.hooks?.afterStepWork?.(step);
    await setStep(resellerId, step, { status: 'done', finishedAt: new Date() });
    await report(step, 'done');
  }
  await moveReseller(getCentralDb(), resellerId, 'provisioning', 'active', { activatedAt: new Date() });
  return outcome(resellerId, 'active');
}

/**
 * Runs a provisioning reseller's pipeline from its first step not done to the end, recording each step as it
 * starts, finishes or fails. Steps are idempotent, so a run after a crash at any point redoes the interrupted step
 * and skips the finished ones. One run per reseller at a time (a named lock on the central server, released if the
 * process dies). A failing step marks the step and the reseller failed, with the error, and stops; retrying
 * (retryResellerPipeline) resumes there. The BullMQ job and the CLI both come through here.
 */
export async function runResellerPipeline(resellerId: number, opts: RunPipelineOptions = {}): Promise<PipelineOutcome> {
  const { serverUrl, database } = splitDatabaseUrl(env().DATABASE_URL);
  try {
    return await withNamedLock(serverUrl, lockName('ezs_rsl', `${database}_${resellerId}`), () => run(resellerId, opts), {
      waitSeconds: opts.lockWaitSeconds ?? 0,
      busy: () => new PipelineBusy(),
    });
  } catch (err) {
    if (err instanceof PipelineBusy) return outcome(resellerId, 'busy');
    throw err;
  }
}
