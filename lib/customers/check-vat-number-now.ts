import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { vatStandingForTax } from '@/lib/tax/refresh-vat-standings';
import { viesNumberOf, type VatNumberStanding } from '@/lib/tax/vat-standing';

export const checkVatNumberNowSchema = z.object({
  customerPublicId: z.string().trim().regex(/^cus_[0-9a-z]{1,40}$/, 'is not a customer id'),
});

export interface VatCheckOutcome {
  /** What VIES said now, or 'unavailable' when it couldn't answer (the stored standing then stays). */
  outcome: 'confirmed' | 'rejected' | 'unavailable';
  standing: VatNumberStanding;
  changed: boolean;
}

/**
 * Staff ask VIES about a customer's VAT number now, fresh or not, and the answer is stored like any re-check. A
 * change of standing is audited as customer.vat_standing.changed; any other outcome (the same answer, or VIES not
 * answering) as customer.vat_standing.checked, so every "Check now" leaves its trace. A customer of another
 * storefront is not in this database: "not found".
 */
export async function checkVatNumberNow(db: SfDb, opts: { input: z.input<typeof checkVatNumberNowSchema>; actor: AuditActor; storefrontId: number; now?: Date }): Promise<VatCheckOutcome> {
  const parsed = checkVatNumberNowSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('not_found', 'That customer does not exist.');
  const [customer] = await db.select().from(customers).where(eq(customers.publicId, parsed.data.customerPublicId));
  if (!customer) throw new AppError('not_found', 'That customer does not exist.');
  const number = viesNumberOf(customer);
  if (!number) throw new AppError('bad_request', 'VIES checks EU VAT numbers of businesses: this customer needs a company name and a well-formed EU VAT number.');
  const now = opts.now ?? new Date();
  const commerce = await getCommerceSettings(db);
  const { standing, customer: after, report } = await vatStandingForTax(db, customer, { commerce, actor: opts.actor, now, storefrontId: opts.storefrontId, force: true });
  const outcome = report.unavailable > 0 ? 'unavailable' : standing === 'rejected' ? 'rejected' : 'confirmed';
  const changed = report.changed > 0;
  if (!changed) {
    await recordAudit(db, {
      actor: opts.actor,
      action: 'customer.vat_standing.checked',
      target: { type: 'customer', id: customer.publicId },
      after: { number, outcome, standing, consultationNumber: outcome === 'unavailable' ? null : after.vatConsultationNumber },
    });
  }
  return { outcome, standing, changed };
}
