import { billingRunAllJob } from './billing-run';
import { closeDueAccountsJob } from './close-due-accounts';
import type { JobDefinition } from './define-job';
import { kasmTrackJob } from './kasm-track';
import { getQueue } from './queue-registry';
import { flushOutboxJob } from './flush-outbox';
import { provisioningSweepJob } from './provisioning';
import { pruneAuditLogJob } from './prune-audit-log';
import { pruneHistoryJob } from './prune-history';
import { QUEUE_NAMES } from './queues';
import { revalidateVatNumbersJob } from './revalidate-vat-numbers';
import { sweepDomainsJob } from './verify-domain';

export type ScheduleRepeat = { every: number } | { pattern: string; tz: string };

export interface Schedule {
  /** Scheduler id in Redis: stable across restarts, so upserting it again replaces rather than adds. */
  id: string;
  job: JobDefinition;
  repeat: ScheduleRepeat;
  data?: unknown;
}

// Every recurring job. Removing or renaming an entry removes its scheduler at the next worker start.
export const SCHEDULES: readonly Schedule[] = [
  { id: 'email.flush-outbox', job: flushOutboxJob as JobDefinition, repeat: { every: 60_000 } },
  { id: 'maintenance.prune-history', job: pruneHistoryJob as JobDefinition, repeat: { pattern: '15 3 * * *', tz: 'UTC' } },
  { id: 'maintenance.prune-audit-log', job: pruneAuditLogJob as JobDefinition, repeat: { pattern: '45 3 * * *', tz: 'UTC' } },
  { id: 'customers.close-due-accounts', job: closeDueAccountsJob as JobDefinition, repeat: { pattern: '30 3 * * *', tz: 'UTC' } },
  { id: 'billing.run-all', job: billingRunAllJob as JobDefinition, repeat: { every: 5 * 60_000 } },
  { id: 'provisioning.sweep', job: provisioningSweepJob as JobDefinition, repeat: { every: 60_000 } },
  { id: 'tax.revalidate-vat-numbers', job: revalidateVatNumbersJob as JobDefinition, repeat: { pattern: '20 * * * *', tz: 'UTC' } },
  { id: 'domains.sweep', job: sweepDomainsJob as JobDefinition, repeat: { every: 5 * 60_000 } },
  { id: 'kasm.track', job: kasmTrackJob as JobDefinition, repeat: { every: 15 * 60_000 } },
];

export interface RegisterSchedulesResult {
  upserted: string[];
  removed: { queue: string; id: string }[];
}

/**
 * Upserts every declared scheduler and removes the ones no longer declared. Safe to run from every worker
 * at every start: BullMQ keys schedulers and their next job by id, so concurrent runs converge on one each.
 */
export async function registerSchedules(schedules: readonly Schedule[] = SCHEDULES): Promise<RegisterSchedulesResult> {
  const ids = new Set<string>();
  for (const s of schedules) {
    if (ids.has(s.id)) throw new Error(`Schedule "${s.id}" is declared twice`);
    ids.add(s.id);
  }
  const upserted: string[] = [];
  for (const s of schedules) {
    // Validated here so a bad template fails at start-up, not every minute in the failed set.
    const data = s.job.schema.parse(s.data ?? {});
    await getQueue(s.job.queue).upsertJobScheduler(s.id, s.repeat, {
      name: s.job.name,
      data,
      opts: {
        ...(s.job.attempts ? { attempts: s.job.attempts } : {}),
        ...(s.job.backoff ? { backoff: s.job.backoff } : {}),
      },
    });
    upserted.push(s.id);
  }

  const removed: RegisterSchedulesResult['removed'] = [];
  const declaredOn = new Map(schedules.map((s) => [s.id, s.job.queue]));
  for (const queueName of QUEUE_NAMES) {
    const queue = getQueue(queueName);
    for (const existing of await queue.getJobSchedulers(0, -1)) {
      const id = existing.key;
      // A scheduler whose job moved to another queue counts as stale on the old one.
      if (declaredOn.get(id) === queueName) continue;
      if (!(await queue.removeJobScheduler(id))) continue;
      // BullMQ drops the scheduler's delayed next run but not one already waiting (`every` queues its first
      // run at once); that job's id is derived from the scheduler's next time. An active run is left to finish.
      if (existing.next) await queue.remove(`repeat:${id}:${existing.next}`);
      removed.push({ queue: queueName, id });
    }
  }
  return { upserted, removed };
}
