import { asc, eq } from 'drizzle-orm';
import { getCentralDb } from '@/lib/db/central';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts } from '@/db/schema/central';
import { deliverAlertSpec } from '@/jobs/specs';
import { dispatchAlert, raiseAlert } from './raise-alert';

export interface FailedJob {
  queue: string;
  name: string;
  /** Unique per job execution history (the job_runs key), so one job alerts once however often it is reported. */
  runKey: string;
  storefrontId: number | null;
  attempts: number;
  error: string;
}

/**
 * A job that gave up must never fail silently: staff of its storefront (platform jobs: the retail storefront)
 * get an alert in the admin panel and on Discord. Failures to deliver an alert only alert in-app, or a broken
 * webhook would raise alerts about itself forever.
 */
export async function alertJobFailure(job: FailedJob): Promise<void> {
  const central = getCentralDb();
  const [sf] = job.storefrontId
    ? await central.select().from(storefronts).where(eq(storefronts.id, job.storefrontId)).limit(1)
    : await central.select().from(storefronts).where(eq(storefronts.kind, 'retail')).orderBy(asc(storefronts.id)).limit(1);
  if (!sf) return;
  const alert = await raiseAlert(openStorefrontDb(sf), {
    severity: 'critical',
    category: 'job',
    title: `Job ${job.name} failed after ${job.attempts} attempt(s)`,
    body: `Queue: ${job.queue}\nJob: ${job.runKey}\n\n${job.error}`.slice(0, 10_000),
    dedupeKey: `job-failed:${job.runKey}`.slice(0, 191),
  });
  if (alert.created && alert.discordStatus === 'pending' && job.name !== deliverAlertSpec.name) await dispatchAlert(sf.id, alert.id);
}
