import { env, publicUrl } from '@/lib/config/env';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { areaHostnames } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { getPlatformStorefrontOrThrow } from '../platform-storefront';
import { resellerBaseDomain, type PipelineStepRunner } from './step-context';

/** Where a reseller's storefront answers until it has a domain of its own. */
export function resellerUrls(slug: string): { shop: string; account: string; admin: string } {
  const [shop, account, admin] = areaHostnames(resellerBaseDomain(slug, env().APP_DOMAIN)).map((h) => publicUrl(h.hostname));
  return { shop: shop!, account: account!, admin: admin! };
}

/**
 * Step "welcome": the platform's welcome email to the owner, from the platform's own storefront (it is the
 * platform speaking, under its brand), queued once by its dedupe key and dispatched after commit.
 */
export const sendResellerWelcome: PipelineStepRunner = async ({ central, storefront, reseller }) => {
  const platform = await getPlatformStorefrontOrThrow(central);
  const db = openStorefrontDb(platform);
  const urls = resellerUrls(storefront.slug);
  const mail = await queueEmail(db, {
    to: reseller.ownerEmail,
    template: 'reseller-welcome',
    props: { name: reseller.ownerName ?? storefront.name, storefrontName: storefront.name, ownerEmail: reseller.ownerEmail, shopUrl: urls.shop, adminUrl: urls.admin },
    dedupeKey: `reseller-welcome:${reseller.publicId}`,
  });
  await dispatchEmail(platform.id, mail.id).catch(() => undefined);
};
