'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta, requireArea } from '@/lib/auth/request-session';
import { failed, formInput, formValues, invalid } from '@/lib/forms/action-result';
import { acceptStaffInvite } from '@/lib/staff/accept-staff-invite';
import { acceptInviteSchema } from '@/lib/staff/schemas';

export async function acceptInviteAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const ctx = await requireArea('admin');
  const values = formValues(data, ['name']);
  const parsed = acceptInviteSchema.safeParse(formInput(data, ['token', 'name', 'password']));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const { email } = await acceptStaffInvite(ctx.db, { input: parsed.data, ...(await requestMeta()) });
    return { ok: true, message: `Your staff account ${email} is ready. Sign in to set up two-factor authentication.` };
  } catch (err) {
    return failed(err, values);
  }
}
