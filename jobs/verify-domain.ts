import { z } from 'zod';
import { getCentralDb } from '@/lib/db/central';
import { checkDomain } from '@/lib/domains/check-domain';
import { sweepDomains } from '@/lib/domains/sweep-domains';
import { defineJob } from './define-job';
import { verifyDomainSpec } from './specs';

/** One scheduled check of a custom domain; the row decides whether it is due, so a duplicate or late job is a no-op. */
export const verifyDomainJob = defineJob({
  ...verifyDomainSpec,
  handler: async ({ domainId }, { log }) => {
    const res = await checkDomain(getCentralDb(), { domainId });
    log(`domain ${res.domain?.domain ?? domainId}: ${res.outcome}${res.problems.length ? ` (${res.problems.join(' ')})` : ''}`);
    return { outcome: res.outcome };
  },
});

/** Every five minutes: checks whose job was lost are queued again, outcomes never emailed are emailed. */
export const sweepDomainsJob = defineJob({
  name: 'domains.sweep',
  queue: 'low',
  schema: z.object({}),
  handler: async (_payload, { log }) => {
    const res = await sweepDomains(getCentralDb());
    log(`re-queued ${res.requeued} domain check(s), emailed ${res.notified} outcome(s)`);
    return res;
  },
});
