'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { acknowledgeAlert } from '@/lib/alerts/acknowledge-alert';
import { requestMeta } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';

const ackSchema = z.object({ alertId: z.coerce.number().int().positive() });

export async function acknowledgeAlertAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('alerts.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, staff } = access;
  const parsed = ackSchema.safeParse({ alertId: data.get('alertId') });
  if (!parsed.success) return { ok: false, message: 'Unknown alert.' };
  const meta = await requestMeta();
  try {
    const outcome = await acknowledgeAlert(ctx.db, {
      alertId: parsed.data.alertId,
      staffId: staff.id,
      actor: { label: staff.email, ...meta },
    });
    revalidatePath('/alerts');
    return { ok: true, message: outcome === 'acknowledged' ? 'Alert acknowledged.' : 'Someone already acknowledged this alert.' };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}
