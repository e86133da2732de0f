import type { AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { payInvoiceWithCredit } from './pay-invoice-with-credit';

/**
 * Mass payment from account credit: the chosen invoices in the order given, each in its own transaction, until the
 * credit runs out. Reports what happened to each so the page can say so.
 */
export async function payInvoicesWithCredit(
  db: StorefrontDb,
  opts: { customerId: number; invoicePublicIds: string[]; actor: AuditActor; receiptFor?: { storefrontId: number }; now?: Date },
): Promise<{ invoicePublicId: string; outcome: 'paid' | 'part_paid' | 'skipped'; message?: string }[]> {
  const out: { invoicePublicId: string; outcome: 'paid' | 'part_paid' | 'skipped'; message?: string }[] = [];
  for (const id of [...new Set(opts.invoicePublicIds)].slice(0, 50)) {
    try {
      const r = await payInvoiceWithCredit(db, { customerId: opts.customerId, invoicePublicId: id, actor: opts.actor, receiptFor: opts.receiptFor, now: opts.now });
      out.push({ invoicePublicId: id, outcome: r.paid ? 'paid' : 'part_paid' });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.push({ invoicePublicId: id, outcome: 'skipped', message: err.message });
    }
  }
  return out;
}
