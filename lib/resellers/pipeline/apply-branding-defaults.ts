import { and, eq } from 'drizzle-orm';
import { recordAudit } from '@/lib/audit/record-audit';
import { getCommerceSettings, saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts } from '@/db/schema/central';
import { auditLog } from '@/db/schema/storefront';
import type { PipelineStepRunner } from './step-context';
import { DEFAULT_BRAND_COLOR } from '@/lib/branding/default-brand-color';

/**
 * Step "branding": the storefront speaks as the reseller from its first page, email and invoice: its name and a
 * neutral colour on the central row (marketing site, areas, emails), no tagline, and the reseller's name as the
 * seller on invoices instead of the platform's default. Written once: a rerun finds the audit row and leaves
 * anything the owner may have changed since alone.
 */
export const applyBrandingDefaults: PipelineStepRunner = async ({ central, storefront, actor }) => {
  const db = openStorefrontDb(storefront);
  const [applied] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'branding.defaults_applied'), eq(auditLog.targetType, 'storefront'), eq(auditLog.targetId, String(storefront.id))))
    .limit(1);
  if (applied) return;
  await central.update(storefronts).set({ brandColor: DEFAULT_BRAND_COLOR, tagline: null }).where(eq(storefronts.id, storefront.id));
  await db.transaction(async (tx) => {
    const before = await getCommerceSettings(tx);
    await saveCommerceSettings(tx, { sellerName: storefront.name });
    await recordAudit(tx, {
      actor,
      action: 'branding.defaults_applied',
      target: { type: 'storefront', id: storefront.id },
      before: { sellerName: before.sellerName },
      after: { name: storefront.name, brandColor: DEFAULT_BRAND_COLOR, tagline: null, sellerName: storefront.name },
    });
  });
};
