import { and, eq } from 'drizzle-orm';
import { recordAudit } from '@/lib/audit/record-audit';
import { ensureTaxRules, euStandardVatRules } from '@/lib/tax/admin/seed-eu-vat-rules';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { auditLog } from '@/db/schema/storefront';
import type { PipelineStepRunner } from './step-context';

/**
 * Step "seed": what a new reseller storefront starts with besides the migrations' own rows (currencies): the EU
 * standard VAT rules, switched off until the reseller decides they charge VAT, and the storefront's first audit
 * row saying who created it. Tax rules are inserted only where missing, the audit row only once.
 */
export const seedResellerStorefront: PipelineStepRunner = async ({ storefront, reseller, program, actor }) => {
  const db = openStorefrontDb(storefront);
  await db.transaction(async (tx) => {
    await ensureTaxRules(
      tx,
      euStandardVatRules().map((r) => ({ ...r, active: false })),
      actor,
    );
    const [seen] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'storefront.created'), eq(auditLog.targetType, 'storefront'), eq(auditLog.targetId, String(storefront.id))))
      .limit(1);
    if (seen) return;
    await recordAudit(tx, {
      actor,
      action: 'storefront.created',
      target: { type: 'storefront', id: storefront.id },
      after: { slug: storefront.slug, name: storefront.name, reseller: reseller.publicId, program: program.slug, ownerEmail: reseller.ownerEmail, createdBy: reseller.createdBy },
    });
  });
};
