'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { staffCanAct } from '@/lib/admin/staff-can';
import { requireStaff } from '@/lib/auth/request-session';
import { emailSchema } from '@/lib/auth/schemas';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';

const sendTestSchema = z.object({ to: emailSchema });

export async function sendTestEmail(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const { ctx, staff } = await requireStaff();
  if (!staffCanAct(staff)) return { ok: false, message: 'Your role cannot send email.' };
  const parsed = sendTestSchema.safeParse({ to: data.get('to') });
  if (!parsed.success) return { ok: false, message: `Recipient ${parsed.error.issues[0]?.message ?? 'is invalid'}.` };
  const { id } = await queueEmail(ctx.db, { to: parsed.data.to, template: 'test-message', props: { requestedBy: staff.email } });
  await dispatchEmail(ctx.storefront.id, id);
  revalidatePath('/emails');
  return { ok: true, message: `Test email to ${parsed.data.to} queued.` };
}
