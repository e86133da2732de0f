import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { emailOutbox } from '@/db/schema/storefront';

export const outboxFilterSchema = z.object({
  status: z.enum(['queued', 'sending', 'sent', 'failed']).optional().catch(undefined),
});

export async function listOutbox(db: SfDb, filter: z.infer<typeof outboxFilterSchema>, limit = 100) {
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      template: emailOutbox.template,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(filter.status ? eq(emailOutbox.status, filter.status) : undefined)
    .orderBy(desc(emailOutbox.id))
    .limit(limit);
}
