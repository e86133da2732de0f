import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import type { Panel } from '@/lib/provisioning/panels';
import { moduleFor } from '@/lib/provisioning/registry';
import { deletePanelAction, updatePanelAction } from './actions';
import { PanelFormBody } from './panel-form-body';

/** The ?edit=pnl_… view: the panel's settings pre-filled (never its credentials), and deleting it. */
export function EditPanelCard({ panel, liveServices }: { panel: Panel; liveServices: number }) {
  const module = moduleFor(panel.module);
  return (
    <Card title={`Edit ${panel.name}`}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          {module?.label ?? panel.module} panel <span className="font-mono text-xs">{panel.publicId}</span>. The panel type cannot change.{' '}
          <Link href="/settings/panels" className="text-[var(--brand)] underline">
            Close
          </Link>
        </p>
        {module ? (
          <ActionForm key={panel.publicId} actionRow action={updatePanelAction} submitLabel="Save panel" className="flex flex-wrap items-start gap-3">
            <input type="hidden" name="panel" value={panel.publicId} />
            <PanelFormBody
              module={module}
              stored={{ name: panel.name, url: panel.url, groupKey: panel.groupKey, capacity: panel.capacity, sortOrder: panel.sortOrder, options: panel.options }}
            />
          </ActionForm>
        ) : (
          <p className="text-sm text-red-700">Unknown panel type {panel.module}: it can only be deleted.</p>
        )}
        <div className="border-t pt-4">
          <p className="mb-2 text-sm text-slate-600">
            {liveServices
              ? `${liveServices} live service${liveServices === 1 ? '' : 's'} run here, so it cannot be deleted yet.`
              : 'No live services run here. Deleting cannot be undone.'}
          </p>
          <ActionForm action={deletePanelAction} submitLabel="Delete panel" danger>
            <input type="hidden" name="panel" value={panel.publicId} />
          </ActionForm>
        </div>
      </div>
    </Card>
  );
}
