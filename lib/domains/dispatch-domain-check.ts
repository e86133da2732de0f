import { enqueueIdempotent, enqueueJob } from '@/jobs/enqueue';
import { verifyDomainSpec } from '@/jobs/specs';
import type { CustomDomain } from '@/db/schema/central';

/** One job id per domain and check number: queuing the same check twice queues it once. */
export function domainCheckJobId(domain: Pick<CustomDomain, 'id' | 'checks'>): string {
  return `domains.verify:${domain.id}:${domain.checks}`;
}

/** Queues the domain's next check for its due time (the row says when); a check already queued is left alone. */
export async function scheduleDomainCheck(domain: Pick<CustomDomain, 'id' | 'storefrontId' | 'checks' | 'nextCheckAt'>, now = new Date()): Promise<void> {
  if (!domain.nextCheckAt) return;
  const delayMs = Math.max(0, domain.nextCheckAt.getTime() - now.getTime());
  await enqueueJob(verifyDomainSpec, { storefrontId: domain.storefrontId, domainId: domain.id }, { jobId: domainCheckJobId(domain), delayMs });
}

/** For the sweep: a due check whose job was lost (a Redis flush) or ran without moving the row on is queued again. */
export async function redispatchDomainCheck(domain: Pick<CustomDomain, 'id' | 'storefrontId' | 'checks'>): Promise<void> {
  await enqueueIdempotent(verifyDomainSpec, { storefrontId: domain.storefrontId, domainId: domain.id }, domainCheckJobId(domain));
}
