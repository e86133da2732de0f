'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta } from '@/lib/auth/request-session';
import { failed, formInput, formValues } from '@/lib/forms/action-result';
import { submitResellerApplication } from '@/lib/resellers/applications/submit-reseller-application';
import { requirePlatformMarketing } from '@/lib/resellers/require-platform-marketing';
import { APPLICATION_TRAP_FIELD } from '@/lib/resellers/schemas';

const FIELDS = ['name', 'company', 'email', 'website', 'message'] as const;

export async function applyAsResellerAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const { central } = await requirePlatformMarketing();
  const values = formValues(data, FIELDS);
  try {
    const trap = data.get(APPLICATION_TRAP_FIELD);
    await submitResellerApplication(central, { input: formInput(data, FIELDS), trap: typeof trap === 'string' ? trap : null, ip: (await requestMeta()).ip });
  } catch (err) {
    return failed(err, values);
  }
  // The same words for a new application and a repeat of a pending one.
  return { ok: true, message: 'Thank you: we received your application and will answer by email within two business days.' };
}
