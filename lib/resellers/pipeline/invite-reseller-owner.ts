import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { createStaffInvite } from '@/lib/staff/create-staff-invite';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { staffInvites, staffUsers } from '@/db/schema/storefront';
import { getPlatformStorefrontOrThrow } from '../platform-storefront';
import { OWNER_INVITE_KEY, type PipelineStepRunner } from './step-context';

/** The owner's invitation in a reseller's storefront, if the pipeline made it. */
export async function findOwnerInvite(db: SfDb) {
  const [invite] = await db.select().from(staffInvites).where(eq(staffInvites.dedupeKey, OWNER_INVITE_KEY)).limit(1);
  return invite ?? null;
}

/**
 * Step "invite": a staff invitation with the owner role for the owner's email, in the new storefront, accepted on
 * admin.<slug>.<APP_DOMAIN> like any other (app/admin/accept-invite). Its dedupe key makes it exist once, however
 * often the step runs. The email goes to the outbox now but is dispatched by "activate": its link must not
 * arrive before the storefront answers.
 */
export const inviteResellerOwner: PipelineStepRunner = async ({ central, storefront, reseller, actor }) => {
  const db = openStorefrontDb(storefront);
  if (await findOwnerInvite(db)) return;
  const platform = await getPlatformStorefrontOrThrow(central);
  try {
    await db.transaction(async (tx) => {
      // An owner who already joined (an accepted invitation whose key was somehow lost) needs no second one.
      const [member] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, reseller.ownerEmail)).limit(1);
      if (member) return;
      await createStaffInvite(tx, {
        storefrontId: storefront.id,
        email: reseller.ownerEmail,
        name: reseller.ownerName ?? storefront.name,
        role: 'owner',
        invitedBy: null,
        invitedByLabel: platform.name,
        actor,
        dedupeKey: OWNER_INVITE_KEY,
      });
    });
  } catch (err) {
    // Another run made it between our check and insert: the unique key kept it to one.
    if (!isDuplicateKeyError(err)) throw err;
  }
};
