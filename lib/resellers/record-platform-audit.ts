import type { CentralHandle } from '@/lib/db/connection';
import { recordAudit, type AuditEvent } from '@/lib/audit/record-audit';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { getPlatformStorefrontOrThrow } from './platform-storefront';

/**
 * Audits a change to the platform's central tables in the retail storefront's audit log, where platform staff read
 * it. The two live in different databases, so no transaction spans both: callers write this as the last statement
 * inside their central transaction, so a change whose audit row cannot be written rolls back.
 */
export async function recordPlatformAudit(central: CentralHandle, event: AuditEvent): Promise<void> {
  const platform = await getPlatformStorefrontOrThrow(central);
  await recordAudit(openStorefrontDb(platform), event);
}
