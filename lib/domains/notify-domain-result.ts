import { and, eq } from 'drizzle-orm';
import { customDomains, storefronts } from '@/db/schema/central';
import { staffUsers } from '@/db/schema/storefront';
import type { CentralDb } from '@/lib/db/connection';
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit/record-audit';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { getRolePermissions, type StaffRole } from '@/lib/staff/permissions';
import { areaUrl } from '@/lib/tenancy/area-url';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { domainHostnames } from './dns-records';

/**
 * Emails the storefront's active staff who manage settings that a domain was verified or failed, once per outcome:
 * each email has a dedupe key and the row remembers the outcome it announced, so a retry sends nothing twice (a
 * crash between the storefront's commit and the central row's records the outcome's audit row again).
 */
export async function notifyDomainResult(central: CentralDb, domainId: number): Promise<{ emailed: number }> {
  const [row] = await central.select().from(customDomains).where(eq(customDomains.id, domainId)).limit(1);
  if (!row || row.status === 'pending' || row.notifiedStatus === row.status) return { emailed: 0 };
  const [sf] = await central.select().from(storefronts).where(eq(storefronts.id, row.storefrontId)).limit(1);
  if (!sf) return { emailed: 0 };
  const db = openStorefrontDb(sf);
  const staff = await db.select({ id: staffUsers.id, email: staffUsers.email, role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.status, 'active'));
  const allowed = new Map<StaffRole, boolean>();
  for (const role of new Set(staff.map((s) => s.role))) allowed.set(role, (await getRolePermissions(db, role)).includes('settings.manage'));
  const domainUrl = await areaUrl(sf.id, 'admin', `/settings/domains/${row.publicId}`);
  const outcome = row.status;
  const problems = row.lastError?.split('\n').slice(0, 10) ?? [];
  const hostnames = domainHostnames(row.domain).map((h) => h.hostname);
  // The outcome's audit row and its emails commit together in the storefront's database.
  const created = await db.transaction(async (tx) => {
    await recordAudit(tx, { actor: SYSTEM_ACTOR, action: `domain.${outcome}`, target: { type: 'custom_domain', id: row.publicId }, after: { domain: row.domain, checks: row.checks, ...(outcome === 'failed' ? { problems } : { hostnames }) } });
    const ids: number[] = [];
    for (const s of staff.filter((m) => allowed.get(m.role))) {
      const queued = await queueEmail(tx, {
        to: s.email,
        template: 'domain-verification',
        props: { domain: row.domain, outcome, hostnames, problems, domainUrl },
        dedupeKey: `domain-${outcome}:${row.publicId}:${s.id}`,
      });
      if (queued.created) ids.push(queued.id);
    }
    return ids;
  });
  for (const id of created) await dispatchEmail(sf.id, id);
  const emailed = created.length;
  await central.update(customDomains).set({ notifiedStatus: outcome }).where(and(eq(customDomains.id, row.id), eq(customDomains.status, outcome)));
  return { emailed };
}
