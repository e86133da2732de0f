'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { failed, formValues } from '@/lib/forms/action-result';
import { AppError } from '@/lib/errors/app-error';
import { deleteDraftInvoice, issueDraftInvoice, resendInvoiceEmail, saveDraftLines } from '@/lib/invoices/manual-invoice';
import { lineFieldName, MANUAL_EDITOR_ROWS, type ManualLineInput } from '@/lib/invoices/manual-invoice-schemas';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const invoicePublicId = z.string().regex(/^inv_[a-z0-9]{1,40}$/);
const LINE_FIELDS = ['description', 'quantity', 'unitAmount', 'taxable'] as const;

async function staffFor(data: FormData) {
  const access = await requireStaffPermission('billing.manage');
  if (!access.allowed) return { denied: true as const, result: { ok: false, message: access.message } };
  const id = invoicePublicId.safeParse(data.get('invoicePublicId'));
  if (!id.success) return { denied: true as const, result: { ok: false, message: 'No such invoice.' } };
  return { denied: false as const, access, id: id.data, actor: await staffChangeActor(access.staff) };
}

/** The editor's filled rows (a row without description and amount is left out), with each one's row index. */
function filledRows(values: Record<string, string>): { rows: number[]; lines: ManualLineInput[] } {
  const rows: number[] = [];
  const lines: ManualLineInput[] = [];
  for (let i = 0; i < MANUAL_EDITOR_ROWS; i++) {
    const get = (f: (typeof LINE_FIELDS)[number]) => values[lineFieldName(i, f)]?.trim() ?? '';
    if (!get('description') && !get('unitAmount')) continue;
    rows.push(i);
    lines.push({ description: get('description'), quantity: get('quantity'), unitAmount: get('unitAmount'), taxable: get('taxable') === 'on' });
  }
  return { rows, lines };
}

/** Errors name lines by their place among the filled rows; point them back at the editor's rows. */
function toEditorRows(err: AppError, rows: number[]): AppError {
  if (!err.fieldErrors) return err;
  const mapped: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(err.fieldErrors)) {
    const m = /^line_(\d+)_(\w+)$/.exec(key);
    const row = m ? rows[Number(m[1]) - 1] : undefined;
    mapped[m && row !== undefined ? lineFieldName(row, m[2] as keyof ManualLineInput) : key] = messages;
  }
  return new AppError(err.code, err.message, mapped);
}

export async function saveDraftLinesAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await staffFor(data);
  if (s.denied) return s.result;
  const values = formValues(data, Array.from({ length: MANUAL_EDITOR_ROWS }, (_, i) => LINE_FIELDS.map((f) => lineFieldName(i, f))).flat());
  const { rows, lines } = filledRows(values);
  try {
    await saveDraftLines(s.access.ctx.db, { invoicePublicId: s.id, lines, actor: s.actor, storefrontId: s.access.ctx.storefront.id });
    revalidatePath(`/invoices/${s.id}`);
    return { ok: true, message: 'Lines saved.' };
  } catch (err) {
    return failed(err instanceof AppError ? toEditorRows(err, rows) : err, values);
  }
}

export async function issueDraftAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await staffFor(data);
  if (s.denied) return s.result;
  const values = formValues(data, ['dueInDays']);
  try {
    const res = await issueDraftInvoice(s.access.ctx.db, { invoicePublicId: s.id, dueInDays: values.dueInDays ?? '', storefrontId: s.access.ctx.storefront.id, actor: s.actor });
    revalidatePath(`/invoices/${s.id}`);
    return { ok: true, message: `Issued as ${res.number}.`, redirectTo: `/invoices/${s.id}` };
  } catch (err) {
    return failed(err, values);
  }
}

export async function deleteDraftAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await staffFor(data);
  if (s.denied) return s.result;
  try {
    await deleteDraftInvoice(s.access.ctx.db, { invoicePublicId: s.id, actor: s.actor });
    revalidatePath('/invoices');
    return { ok: true, message: 'Draft deleted.', redirectTo: '/invoices' };
  } catch (err) {
    return failed(err, {});
  }
}

export async function resendInvoiceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await staffFor(data);
  if (s.denied) return s.result;
  try {
    await resendInvoiceEmail(s.access.ctx.db, { invoicePublicId: s.id, storefrontId: s.access.ctx.storefront.id, actor: s.actor });
    return { ok: true, message: 'The invoice email is on its way again.' };
  } catch (err) {
    return failed(err, {});
  }
}
