'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { failed, formValues } from '@/lib/forms/action-result';
import { panelFormFields, panelFormValues } from '@/lib/provisioning/admin/panel-form-fields';
import { setPanelEnabled } from '@/lib/provisioning/admin/set-panel-enabled';
import { createPanel, deletePanel, getPanelOrThrow, testPanel, updatePanel } from '@/lib/provisioning/panels';
import type { ProvisioningModule } from '@/lib/provisioning/module';
import { moduleFor } from '@/lib/provisioning/registry';
import { AppError } from '@/lib/errors/app-error';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const panelPublicId = z.string().regex(/^pnl_[a-z0-9]{1,40}$/);
const text = (data: FormData, name: string) => {
  const v = data.get(name);
  return typeof v === 'string' ? v.slice(0, 2000) : undefined;
};

export async function testPanelAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = panelPublicId.safeParse(data.get('panel'));
  if (!id.success) return { ok: false, message: 'No such panel.' };
  try {
    const res = await testPanel(access.ctx.db, id.data);
    return { ok: res.ok, message: res.message };
  } catch (err) {
    return failed(err, {});
  }
}

export async function setPanelEnabledAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = panelPublicId.safeParse(data.get('panel'));
  if (!id.success) return { ok: false, message: 'No such panel.' };
  const enabled = data.get('enabled') === 'true';
  try {
    const res = await setPanelEnabled(access.ctx.db, { panelPublicId: id.data, enabled, actor: await staffChangeActor(access.staff) });
    revalidatePath('/settings/panels');
    if (!res.changed) return { ok: true, message: 'Nothing changed.' };
    return { ok: true, message: enabled ? 'Panel enabled: new services may be placed on it.' : 'Panel disabled: no new services are placed on it.' };
  } catch (err) {
    return failed(err, {});
  }
}

const capacitySchema = z
  .string()
  .trim()
  .regex(/^\d{0,7}$/, 'must be a whole number')
  .transform((v) => (v === '' ? null : Number(v)));

export async function createPanelAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const module = moduleFor(text(data, 'module'));
  if (!module) return { ok: false, message: 'Pick a panel type first.' };
  const fields = panelFormFields(module);
  // Typed values come back after an error, except the credentials: those are never sent to the browser.
  const values = formValues(data, ['name', 'url', 'groupKey', 'capacity', 'enabled', ...fields.options.map((f) => `opt_${f.key}`)]);
  const capacity = capacitySchema.safeParse(values.capacity ?? '');
  if (!capacity.success) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { capacity: [capacity.error.issues[0]!.message] }, values };
  const { credentials, options } = panelFormValues(module, (n) => text(data, n));
  try {
    const panel = await createPanel(
      access.ctx.db,
      { module: module.key, name: values.name ?? '', url: values.url ?? '', groupKey: values.groupKey, capacity: capacity.data, enabled: values.enabled === 'on', credentials, options },
      await staffChangeActor(access.staff),
    );
    revalidatePath('/settings/panels');
    return { ok: true, message: `Panel ${panel.name} added. Test its connection before plans use it.` };
  } catch (err) {
    return panelFailed(err, module, values);
  }
}

/** Like failed(), but the module's own schemas report bare keys and the form names them cred_… and opt_…. */
function panelFailed(err: unknown, module: ProvisioningModule, values: Record<string, string>): ActionResult {
  if (err instanceof AppError && err.fieldErrors) {
    const fields = panelFormFields(module);
    const creds = new Set(fields.credentials.map((f) => f.key));
    const opts = new Set(fields.options.map((f) => f.key));
    const mapped = Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [creds.has(k) ? `cred_${k}` : opts.has(k) ? `opt_${k}` : k, v]));
    return { ok: false, message: err.message, fieldErrors: mapped, values };
  }
  return failed(err, values);
}

const sortOrderSchema = z
  .string()
  .trim()
  .regex(/^-?\d{0,7}$/, 'must be a whole number')
  .transform((v) => (v === '' || v === '-' ? 0 : Number(v)));

export async function updatePanelAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = panelPublicId.safeParse(data.get('panel'));
  if (!id.success) return { ok: false, message: 'No such panel.' };
  try {
    const stored = await getPanelOrThrow(access.ctx.db, id.data);
    const module = moduleFor(stored.module);
    if (!module) return { ok: false, message: `Unknown panel type ${stored.module}.` };
    const fields = panelFormFields(module);
    const values = formValues(data, ['name', 'url', 'groupKey', 'capacity', 'sortOrder', ...fields.options.map((f) => `opt_${f.key}`)]);
    const capacity = capacitySchema.safeParse(values.capacity ?? '');
    const sortOrder = sortOrderSchema.safeParse(values.sortOrder ?? '');
    if (!capacity.success || !sortOrder.success) {
      const fieldErrors: Record<string, string[]> = {};
      if (!capacity.success) fieldErrors.capacity = [capacity.error.issues[0]!.message];
      if (!sortOrder.success) fieldErrors.sortOrder = [sortOrder.error.issues[0]!.message];
      return { ok: false, message: 'Check the highlighted fields.', fieldErrors, values };
    }
    // Blank credential inputs come through as '' (or not at all): updatePanel keeps the stored value for those.
    const { credentials, options } = panelFormValues(module, (n) => text(data, n));
    try {
      const res = await updatePanel(
        access.ctx.db,
        id.data,
        { name: values.name ?? '', url: values.url ?? '', groupKey: values.groupKey ?? '', capacity: capacity.data, sortOrder: sortOrder.data, credentials, options },
        await staffChangeActor(access.staff),
      );
      revalidatePath('/settings/panels');
      if (!res.changed.length) return { ok: true, message: 'Nothing changed.' };
      return { ok: true, message: `Panel ${res.panel.name} saved (changed: ${res.changed.join(', ')}).` };
    } catch (err) {
      return panelFailed(err, module, values);
    }
  } catch (err) {
    return failed(err, {});
  }
}

export async function deletePanelAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = panelPublicId.safeParse(data.get('panel'));
  if (!id.success) return { ok: false, message: 'No such panel.' };
  try {
    await deletePanel(access.ctx.db, id.data, await staffChangeActor(access.staff));
    revalidatePath('/settings/panels');
    // Off the ?edit= view, which names the panel that no longer exists.
    return { ok: true, message: 'Panel deleted.', redirectTo: '/settings/panels' };
  } catch (err) {
    return failed(err, {});
  }
}
