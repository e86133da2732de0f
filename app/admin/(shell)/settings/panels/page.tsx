import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { CheckboxField } from '@/components/ui/form-fields';
import { listPanels } from '@/lib/provisioning/panels';
import { MODULE_KEYS, moduleFor, PROVISIONING_MODULES } from '@/lib/provisioning/registry';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { createPanelAction, setPanelEnabledAction, testPanelAction } from './actions';
import { EditPanelCard } from './edit-panel-card';
import { PanelFormBody } from './panel-form-body';

export default async function PanelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const rows = await listPanels(access.ctx.db);
  const params = await searchParams;
  const module = moduleFor(typeof params.module === 'string' ? params.module : null);
  const editing = typeof params.edit === 'string' ? params.edit : null;
  const edited = editing ? rows.find((r) => r.publicId === editing) : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Panels</h1>
      <p className="text-sm text-slate-600">The control panels services are created on. A disabled panel keeps its services; only new ones stop going there.</p>
      <Card title={rows.length ? `${rows.length} panel${rows.length === 1 ? '' : 's'}` : 'No panels yet'}>
        {rows.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-2 pr-3 font-medium">Module</th>
                  <th className="py-2 pr-3 font-medium">Name</th>
                  <th className="py-2 pr-3 font-medium">URL</th>
                  <th className="py-2 pr-3 font-medium">Group</th>
                  <th className="py-2 pr-3 text-right font-medium">Live / capacity</th>
                  <th className="py-2 pr-3 font-medium">Enabled</th>
                  <th className="py-2 font-medium">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.publicId} className="border-b align-top last:border-0">
                    <td className="py-2 pr-3">{moduleFor(p.module)?.label ?? p.module}</td>
                    <td className="py-2 pr-3">
                      <Link href={`/services?panel=${p.publicId}`} className="text-[var(--brand)] underline">
                        {p.name}
                      </Link>
                      <span className="block font-mono text-xs text-slate-500">{p.publicId}</span>
                    </td>
                    <td className="py-2 pr-3 break-all">{p.url}</td>
                    <td className="py-2 pr-3">{p.groupKey ?? '–'}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {p.liveServices} / {p.capacity ?? '∞'}
                    </td>
                    <td className="py-2 pr-3">{p.enabled ? 'Yes' : <span className="text-amber-800">No</span>}</td>
                    <td className="py-2">
                      <div className="flex flex-wrap items-start gap-2">
                        <Link href={`/settings/panels?edit=${p.publicId}`} className="rounded border border-slate-300 px-3 py-2 text-sm">
                          Edit
                        </Link>
                        <ActionForm action={testPanelAction} submitLabel="Test connection">
                          <input type="hidden" name="panel" value={p.publicId} />
                        </ActionForm>
                        <ActionForm action={setPanelEnabledAction} submitLabel={p.enabled ? 'Disable' : 'Enable'} danger={p.enabled}>
                          <input type="hidden" name="panel" value={p.publicId} />
                          <input type="hidden" name="enabled" value={p.enabled ? 'false' : 'true'} />
                        </ActionForm>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Add the first panel below.</p>
        )}
      </Card>
      {edited ? <EditPanelCard key={edited.publicId} panel={edited} liveServices={edited.liveServices} /> : null}
      {editing && !edited ? <p className="text-sm text-red-700">No such panel: it may have been deleted.</p> : null}
      <Card title="Add panel">
        <div className="space-y-4">
          {/* Choosing the type reloads the page with its fields, so the form needs no client script. */}
          <form method="get" action="/settings/panels" className="flex flex-wrap items-end gap-3">
            <label className="text-sm">
              <span className="block font-medium">Panel type</span>
              <select name="module" defaultValue={module?.key ?? ''} className="mt-1 block rounded border border-slate-300 px-2 py-1">
                <option value="" disabled>
                  Choose…
                </option>
                {MODULE_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {PROVISIONING_MODULES[k].label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 text-sm">
              {module ? 'Change type' : 'Continue'}
            </button>
          </form>
          {module ? (
            <ActionForm key={module.key} actionRow action={createPanelAction} submitLabel={`Add ${module.label} panel`} className="flex flex-wrap items-start gap-3">
              <input type="hidden" name="module" value={module.key} />
              <PanelFormBody module={module} />
              <CheckboxField name="enabled" label="Enabled" defaultChecked />
            </ActionForm>
          ) : (
            <p className="text-sm text-slate-500">Choose the panel type to see the fields it needs.</p>
          )}
        </div>
      </Card>
    </div>
  );
}
