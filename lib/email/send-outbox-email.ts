import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import type { Storefront } from '@/db/schema/central';
import { emailOutbox } from '@/db/schema/storefront';
import { getInvoiceDetail } from '@/lib/invoices/get-invoice';
import { getInvoiceDocumentExtras } from '@/lib/invoices/invoice-document-extras';
import { getEmailIdentity } from '@/lib/branding/email-brand';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';
import { invoicePdfFilename, renderInvoicePdf } from '@/lib/invoices/render-invoice-pdf';
import { redactedSentCopy } from './redact-sent-email';
import { renderEmail } from './render-email';
import { getEmailTemplateOrThrow } from './template-props';
import { getMailTransport, mailFrom } from './transport';

/** A 'sending' row this old belongs to a process that died mid-send; another attempt may take it over. */
export const STALE_SENDING_MINUTES = 10;

export type SendOutcome = 'sent' | 'already_sent';
export type OutboxStorefront = Pick<Storefront, 'id' | 'slug' | 'name' | 'brandColor'>;

/**
 * Deterministic, so a resend after a crash between "SMTP accepted" and "marked sent" carries the same
 * Message-ID and receiving systems can recognise the duplicate.
 */
export function outboxMessageId(storefrontId: number, outboxId: number, domain = mailFrom().address.split('@')[1] || env().APP_DOMAIN): string {
  return `<outbox-${storefrontId}-${outboxId}@${domain}>`;
}

// Timestamps compared and written on the database's clock, so app servers with skewed clocks agree.
const now = sql`CURRENT_TIMESTAMP(3)`;
const staleCutoff = sql`CURRENT_TIMESTAMP(3) - INTERVAL ${sql.raw(String(STALE_SENDING_MINUTES))} MINUTE`;

/** Rows a send attempt may take: queued, failed, or stuck in 'sending' past the stale cutoff. */
export const claimableOutbox = or(
  inArray(emailOutbox.status, ['queued', 'failed']),
  and(eq(emailOutbox.status, 'sending'), lt(emailOutbox.updatedAt, staleCutoff)),
)!;

interface PdfAttachment {
  filename: string;
  content: Buffer;
  contentType: 'application/pdf';
}

/**
 * The invoice PDF for templates that ask for it, rendered at send time so it shows the invoice as it is now.
 * An invoice that no longer exists leaves the email without an attachment rather than failing it.
 */
async function invoiceAttachments(db: SfDb, storefront: OutboxStorefront, templateName: string, props: unknown): Promise<PdfAttachment[]> {
  if (!getEmailTemplateOrThrow(templateName).attachInvoicePdf) return [];
  const publicId = props && typeof props === 'object' && 'invoicePublicId' in props ? props.invoicePublicId : undefined;
  if (typeof publicId !== 'string' || !publicId.trim()) return [];
  const detail = await getInvoiceDetail(db, { publicId: publicId.trim() });
  if (!detail) return [];
  const [brand, extras] = await Promise.all([getInvoicePdfBrand(db, storefront), getInvoiceDocumentExtras(db, storefront.id, detail.invoice)]);
  const content = await renderInvoicePdf(detail, brand, extras);
  return [{ filename: invoicePdfFilename(detail.invoice), content, contentType: 'application/pdf' }];
}

async function claim(db: SfDb, outboxId: number): Promise<boolean> {
  const [res] = await db
    .update(emailOutbox)
    .set({ status: 'sending', attempts: sql`${emailOutbox.attempts} + 1`, updatedAt: now })
    .where(and(eq(emailOutbox.id, outboxId), claimableOutbox));
  return res.affectedRows === 1;
}

/**
 * Sends one outbox row: claim it (guarded update), render, store what was rendered, send, mark sent (one-time
 * links redacted from the stored copy).
 * A failure is recorded on the row and rethrown so the job retries.
 */
export async function sendOutboxEmail(db: SfDb, storefront: OutboxStorefront, outboxId: number): Promise<SendOutcome> {
  if (!(await claim(db, outboxId))) {
    const [row] = await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, outboxId)).limit(1);
    if (!row) throw new AppError('not_found', `Email ${outboxId} is not in the outbox.`);
    if (row.status === 'sent') return 'already_sent';
    // Another process holds it; throwing lets the job retry later, by when it is sent or stale.
    throw new AppError('conflict', `Email ${outboxId} is being sent by another process.`);
  }
  try {
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId)).limit(1);
    if (!row) throw new AppError('not_found', `Email ${outboxId} is not in the outbox.`);
    const { brand, fromAddress, replyTo } = await getEmailIdentity(db, storefront);
    const rendered = renderEmail({ template: row.template, props: row.props, brand });
    await db
      .update(emailOutbox)
      .set({ ...rendered, updatedAt: now })
      .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.status, 'sending')));
    const attachments = await invoiceAttachments(db, storefront, row.template, row.props);
    const messageId = outboxMessageId(storefront.id, outboxId);
    await getMailTransport().sendMail({
      from: { name: brand.name, address: fromAddress ?? mailFrom().address },
      ...(replyTo ? { replyTo } : {}),
      to: row.toAddress,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId,
      ...(attachments.length ? { attachments } : {}),
    });
    // A one-time link leaves with the email; the stored copy keeps it redacted (a retry before this point still has it).
    const redacted = redactedSentCopy({ template: row.template, props: row.props, brand });
    await db
      .update(emailOutbox)
      .set({ status: 'sent', sentAt: now, messageId, lastError: null, updatedAt: now, ...(redacted ?? {}) })
      .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.status, 'sending')));
    return 'sent';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db
      .update(emailOutbox)
      .set({ status: 'failed', lastError: message.slice(0, 2000), updatedAt: now })
      .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.status, 'sending')));
    throw err;
  }
}
