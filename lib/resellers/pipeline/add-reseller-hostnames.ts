import { inArray } from 'drizzle-orm';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { areaHostnames } from '@/lib/tenancy/create-storefront';
import { storefrontHostnames } from '@/db/schema/central';
import { resellerBaseDomain, type PipelineStepRunner } from './step-context';

/**
 * Step "hostnames": <slug>.<APP_DOMAIN>, account.… and admin.…, inserted where missing (the hostname is a unique
 * key, so a rerun adds none twice). They resolve to nothing until the "activate" step: the host resolver skips
 * storefronts still provisioning. A hostname another storefront already owns fails the step by name.
 */
export const addResellerHostnames: PipelineStepRunner = async ({ central, storefront }) => {
  const wanted = areaHostnames(resellerBaseDomain(storefront.slug, env().APP_DOMAIN));
  await central
    .insert(storefrontHostnames)
    .ignore()
    .values(wanted.map((h) => ({ ...h, storefrontId: storefront.id })));
  const rows = await central
    .select({ hostname: storefrontHostnames.hostname, storefrontId: storefrontHostnames.storefrontId })
    .from(storefrontHostnames)
    .where(inArray(storefrontHostnames.hostname, wanted.map((h) => h.hostname)));
  for (const h of wanted) {
    const row = rows.find((r) => r.hostname === h.hostname);
    if (!row) throw new Error(`The hostname ${h.hostname} could not be added.`);
    if (row.storefrontId !== storefront.id) throw new AppError('conflict', `The hostname ${h.hostname} already belongs to another storefront.`);
  }
};
