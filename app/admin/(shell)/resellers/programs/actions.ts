'use server';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { listEnabledCurrencies } from '@/lib/catalog/public/list-enabled-currencies';
import { failed, formValues } from '@/lib/forms/action-result';
import { listResellerPrograms } from '@/lib/resellers/programs/list-reseller-programs';
import { feeCurrencies, readProgramForm } from '@/lib/resellers/programs/program-form';
import { saveResellerProgram } from '@/lib/resellers/programs/save-reseller-program';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';

/** Creates a program (no programId) or saves one; fees are typed per currency of the platform's storefront. */
export async function saveProgramAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return { ok: false, message: platform.message };
  const rawId = String(data.get('programId') ?? '');
  const programId = /^[1-9][0-9]{0,15}$/.test(rawId) ? Number(rawId) : undefined;
  const [current] = programId ? await listResellerPrograms(platform.central, { programId }) : [];
  const currencies = feeCurrencies(await listEnabledCurrencies(platform.access.ctx.db), current, (await loadCurrencyBook(platform.access.ctx.db)).digits);
  const feeNames = currencies.map((c) => `fee_${c.code}`);
  const values = formValues(data, ['slug', 'name', 'active', 'unpaidDaysBeforeSuspension', ...feeNames]);
  const text = (name: string) => String(data.get(name) ?? '');
  const read = readProgramForm(
    {
      slug: text('slug'),
      name: text('name'),
      active: data.get('active') === 'on',
      unpaidDaysBeforeSuspension: text('unpaidDaysBeforeSuspension'),
      fees: Object.fromEntries(currencies.map((c) => [c.code, text(`fee_${c.code}`)])),
    },
    currencies,
  );
  if (!read.ok) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: read.fieldErrors, values };
  try {
    const saved = await saveResellerProgram(platform.central, { ...(programId ? { programId } : {}), input: read.input, actor: platform.actor });
    revalidatePath('/resellers/programs');
    return programId ? { ok: true, message: 'Program saved.' } : { ok: true, message: 'Program created.', redirectTo: `/resellers/programs/${saved.programId}` };
  } catch (err) {
    return failed(err, values);
  }
}
