import Link from 'next/link';
import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import type { Location } from '@/db/schema/storefront/catalog';
import { listLocations } from '@/lib/catalog/admin/list-catalog';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { CheckboxField, TextField } from '@/components/ui/form-fields';
import { PermissionDenied } from '../../permission-denied';
import { createLocationAction, updateLocationAction } from './actions';

function LocationForm(props: { action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>; location?: Location; submitLabel: string }) {
  const l = props.location;
  return (
    <ActionForm actionRow action={props.action} submitLabel={props.submitLabel} className="grid gap-3 md:grid-cols-3">
      {l ? <input type="hidden" name="locationId" value={l.id} /> : null}
      <TextField name="code" label="Code" defaultValue={l?.code} maxLength={40} hint="e.g. ams1; lowercase letters, digits and hyphens." />
      <TextField name="name" label="Name" defaultValue={l?.name} maxLength={120} />
      <TextField name="city" label="City" defaultValue={l?.city} maxLength={100} />
      <TextField name="country" label="Country" defaultValue={l?.country} maxLength={2} hint="Two-letter ISO code, e.g. NL." />
      <TextField name="sortOrder" label="Sort order" type="number" defaultValue={String(l?.sortOrder ?? 0)} maxLength={8} />
      <CheckboxField name="active" label="Active (offered on new orders)" defaultChecked={l ? l.active : true} />
    </ActionForm>
  );
}

export default async function LocationsPage() {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const rows = await listLocations(access.ctx.db);
  return (
    <div className="space-y-6">
      <Link href="/catalog" className="text-sm text-[var(--brand)] underline">
        Catalog
      </Link>
      <h1 className="text-2xl font-semibold">Locations</h1>
      <p className="text-sm text-slate-600">Locations are deactivated rather than deleted: orders and services keep referring to them.</p>
      <Card title={`${rows.length} location(s)`}>
        {rows.length === 0 ? <p className="text-sm text-slate-600">No locations yet.</p> : null}
        <ul className="divide-y">
          {rows.map((l) => (
            <li key={l.id} className="py-3 text-sm">
              <div className="font-medium">
                {l.name} <span className="font-mono text-slate-500">{l.code}</span>
              </div>
              <div className="text-slate-500">
                {l.city}, {l.country} · sort {l.sortOrder} · {l.active ? 'active' : 'inactive'}
              </div>
              <details className="mt-2">
                <summary className="cursor-pointer text-[var(--brand)]">Edit</summary>
                <div className="mt-2">
                  <LocationForm action={updateLocationAction} location={l} submitLabel="Save location" />
                </div>
              </details>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Add a location">
        <LocationForm action={createLocationAction} submitLabel="Add location" />
      </Card>
    </div>
  );
}
