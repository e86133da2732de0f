import { and, eq } from 'drizzle-orm';
import { dispatchEmail } from '@/lib/email/enqueue-email';
import { announceHostnameChange } from '@/lib/tenancy/host-resolver';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts } from '@/db/schema/central';
import { emailOutbox } from '@/db/schema/storefront';
import { findOwnerInvite } from './invite-reseller-owner';
import type { PipelineStepRunner } from './step-context';

/**
 * Step "activate": the storefront goes live only now, with its database migrated and seeded, its hostnames,
 * branding and owner invitation in place (a guarded provisioning → active; a rerun finds it active). Every process
 * reloads its hostnames, then the invitation email is sent; if the queue is unreachable, the outbox sweep, which
 * covers active storefronts, sends it.
 */
export const activateResellerStorefront: PipelineStepRunner = async ({ central, storefront }) => {
  await central
    .update(storefronts)
    .set({ status: 'active' })
    .where(and(eq(storefronts.id, storefront.id), eq(storefronts.status, 'provisioning')));
  await announceHostnameChange();
  const db = openStorefrontDb(storefront);
  const invite = await findOwnerInvite(db);
  if (!invite) return;
  const [mail] = await db.select({ id: emailOutbox.id, status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.dedupeKey, `staff-invite:${invite.id}`)).limit(1);
  if (mail && mail.status === 'queued') await dispatchEmail(storefront.id, mail.id).catch(() => undefined);
};
