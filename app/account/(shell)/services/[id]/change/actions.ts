'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { requestPlanChange } from '@/lib/billing/change-service-plan';
import { getPlanChangeChoices } from '@/lib/billing/plan-change-choices';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { failed } from '@/lib/forms/action-result';

const changePlanSchema = z.object({
  servicePublicId: z.string().regex(/^svc_[a-z0-9]{1,40}$/),
  planSlug: z.string().trim().min(1).max(80).regex(/^[a-z0-9-]+$/),
});

/** Confirms the plan change previewed on the page; the options in force carry over, read again on the server. */
export async function changePlanAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const input = changePlanSchema.safeParse({ servicePublicId: data.get('servicePublicId'), planSlug: data.get('planSlug') });
  if (!input.success) return { ok: false, message: 'No such service or plan.' };
  try {
    const db = access.ctx.db;
    const choices = await getPlanChangeChoices(db, { servicePublicId: input.data.servicePublicId, customerId: access.account.id });
    const res = await requestPlanChange(db, {
      serviceId: choices.service.id,
      customerId: access.account.id,
      planSlug: input.data.planSlug,
      options: choices.options,
      at: new Date(),
      actor: access.actor,
      storefrontId: access.ctx.storefront.id,
    });
    revalidatePath('/services');
    if (res.invoicePublicId) {
      return { ok: true, message: 'Upgrade invoiced: it applies as soon as the invoice is paid.', redirectTo: `/invoices/${res.invoicePublicId}` };
    }
    const credited = res.creditedMinor > 0 ? ` ${(await requestCurrencyBook()).format(res.creditedMinor, res.preview.currency)} was added to your account credit.` : '';
    return { ok: true, message: `Plan changed to ${res.preview.planName}.${credited}`, redirectTo: '/services' };
  } catch (err) {
    return failed(err, {});
  }
}
