import { and, eq, inArray } from 'drizzle-orm';
import { customDomains, storefrontHostnames, storefronts } from '@/db/schema/central';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { CentralDb } from '@/lib/db/connection';
import { announceHostnameChange } from '@/lib/tenancy/host-resolver';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { domainHostnames } from './dns-records';
import { getDomainOrThrow } from './list-domains';

export interface RemoveDomainOptions {
  storefrontId: number;
  domainPublicId: string;
  actor: AuditActor;
}

/**
 * Removes a domain from its storefront; a verified one stops resolving at once (its hostnames go in the same
 * transaction). Its queued checks find no row and end.
 */
export async function removeDomain(central: CentralDb, opts: RemoveDomainOptions): Promise<{ domain: string; wasVerified: boolean }> {
  const row = await getDomainOrThrow(central, opts.storefrontId, opts.domainPublicId);
  const hostnames = domainHostnames(row.domain).map((h) => h.hostname);
  const removedHosts = await central.transaction(async (tx) => {
    await tx.delete(customDomains).where(eq(customDomains.id, row.id));
    if (row.status !== 'verified') return 0;
    const [res] = await tx.delete(storefrontHostnames).where(and(eq(storefrontHostnames.storefrontId, row.storefrontId), inArray(storefrontHostnames.hostname, hostnames)));
    return res.affectedRows;
  });
  if (removedHosts) await announceHostnameChange();
  const [sf] = await central.select().from(storefronts).where(eq(storefronts.id, row.storefrontId)).limit(1);
  if (sf) {
    await recordAudit(openStorefrontDb(sf), {
      actor: opts.actor,
      action: 'domain.removed',
      target: { type: 'custom_domain', id: row.publicId },
      before: { domain: row.domain, status: row.status },
    });
  }
  return { domain: row.domain, wasVerified: row.status === 'verified' };
}
