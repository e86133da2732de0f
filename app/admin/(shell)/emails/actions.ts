'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { emailSchema } from '@/lib/auth/schemas';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';

const sendTestSchema = z.object({ to: emailSchema });

export async function sendTestEmail(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('emails.send');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, staff } = access;
  const parsed = sendTestSchema.safeParse({ to: data.get('to') });
  if (!parsed.success) return { ok: false, message: `Recipient ${parsed.error.issues[0]?.message ?? 'is invalid'}.` };
  const { id } = await queueEmail(ctx.db, { to: parsed.data.to, template: 'test-message', props: { requestedBy: staff.email } });
  await dispatchEmail(ctx.storefront.id, id);
  revalidatePath('/emails');
  return { ok: true, message: `Test email to ${parsed.data.to} queued.` };
}
