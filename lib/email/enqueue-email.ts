import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import type { EmailTemplateName, EmailTemplateProps } from '@/emails';
import { emailOutbox } from '@/db/schema/storefront';
import { enqueueIdempotent } from '@/jobs/enqueue';
import { sendEmailSpec } from '@/jobs/specs';
import { getEmailTemplateOrThrow, parseEmailProps } from './template-props';

const queueEmailSchema = z.object({
  to: z.email().max(254),
  template: z.string().min(1).max(60),
  props: z.unknown(),
  dedupeKey: z.string().trim().min(1).max(191).optional(),
});

export interface QueueEmailInput<N extends EmailTemplateName> {
  to: string;
  template: N;
  props: EmailTemplateProps<N>;
  /** "Send this once": a second queueEmail with the same key is a no-op that returns the first row's id. */
  dedupeKey?: string;
}

/**
 * Writes an email to the outbox. Pass the transaction of the change that causes the email so both commit
 * together, then call dispatchEmail after the commit (only when `created`).
 */
export async function queueEmail<N extends EmailTemplateName>(db: SfDb, input: QueueEmailInput<N>): Promise<{ id: number; created: boolean }> {
  const data = queueEmailSchema.parse(input);
  const props = parseEmailProps(getEmailTemplateOrThrow(data.template), data.props);
  try {
    const [res] = await db.insert(emailOutbox).values({
      toAddress: data.to,
      template: data.template,
      props,
      dedupeKey: data.dedupeKey ?? null,
      status: 'queued',
    });
    return { id: res.insertId, created: true };
  } catch (err) {
    // A duplicate-key error rolls back only this statement, so the caller's transaction stays usable.
    if (!data.dedupeKey || !isDuplicateKeyError(err)) throw err;
    const [existing] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.dedupeKey, data.dedupeKey)).limit(1);
    if (!existing) throw err;
    return { id: existing.id, created: false };
  }
}

export function emailJobId(storefrontId: number, outboxId: number): string {
  return `email-${storefrontId}-${outboxId}`;
}

/** Enqueues the send job; dispatching twice sends once (see enqueueIdempotent). */
export async function dispatchEmail(storefrontId: number, outboxId: number): Promise<void> {
  await enqueueIdempotent(sendEmailSpec, { storefrontId, outboxId }, emailJobId(storefrontId, outboxId));
}
