import type { CentralDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { checkDomain, type DomainCheckOutcome } from './check-domain';
import type { DomainResolver } from './dns-resolver';
import { domainView, type DomainView } from './domain-view';
import { getDomainOrThrow } from './list-domains';

export interface CheckDomainNowOptions {
  storefrontId: number;
  domainPublicId: string;
  now?: Date;
  resolver?: DomainResolver;
}

/** "Check now" for one of a storefront's domains: a pending or failed one is looked up at once; a verified one is left as it is. */
export async function checkDomainNow(central: CentralDb, opts: CheckDomainNowOptions): Promise<{ outcome: DomainCheckOutcome; domain: DomainView }> {
  const row = await getDomainOrThrow(central, opts.storefrontId, opts.domainPublicId);
  const res = await checkDomain(central, { domainId: row.id, force: row.status !== 'verified', now: opts.now, resolver: opts.resolver });
  if (!res.domain) throw new AppError('not_found', 'No such domain.');
  return { outcome: res.outcome, domain: domainView(res.domain) };
}
