import type { ActionResult } from '@/components/ui/action-form';
import type { AuditActor } from '@/lib/audit/record-audit';
import { failed } from '@/lib/forms/action-result';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';
import type { RequestContext } from '@/lib/tenancy/request-context';

/** Every submitted text field (multi-valued ones comma-joined), so a failed form shows what was typed. */
function typedValues(data: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(data.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
    if (all.length) out[key] = all.join(',').slice(0, 12_000);
  }
  return out;
}

/**
 * The shared shape of every catalog server action: checks catalog.manage, builds the audit actor, runs the
 * domain operation and turns an AppError into the form's message and field errors.
 */
export async function catalogAction(data: FormData, run: (ctx: { db: RequestContext['db']; actor: AuditActor }) => Promise<ActionResult>): Promise<ActionResult> {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const values = typedValues(data);
  try {
    return await run({ db: access.ctx.db, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, values);
  }
}
