import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { FilterButtons, FilterProblems, Pager } from '@/components/ui/list-filters';
import { PROVISIONING_STATUSES, SERVICE_STATUSES, SERVICE_TYPES } from '@/db/schema/storefront';
import { listPanels } from '@/lib/provisioning/panels';
import { ADMIN_SERVICE_PAGE_SIZE, adminServiceFilterQuery, hasAdminServiceFilter, listAdminServicePage, parseAdminServiceFilter } from '@/lib/provisioning/admin/list-services';
import { PROVISIONING_MODULES, MODULE_KEYS } from '@/lib/provisioning/registry';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { ProvisioningBadge, ServiceCells, StatusBadge } from './badges';

const input = 'mt-1 block rounded border border-slate-300 px-2 py-1';

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: readonly { value: string; label: string }[] }) {
  return (
    <label className="text-sm">
      <span className="block font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ''} className={input}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const words = (values: readonly string[]) => values.map((v) => ({ value: v, label: v.replaceAll('_', ' ') }));

export default async function AdminServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('services.view');
  if (!access.allowed) return <PermissionDenied permission="services.view" />;
  const { filter, problems } = parseAdminServiceFilter(await searchParams);
  const [{ rows, page, hasNext }, panelRows] = await Promise.all([listAdminServicePage(access.ctx.db, filter), listPanels(access.ctx.db)]);
  const href = (change: Parameters<typeof adminServiceFilterQuery>[1]) => `/services${adminServiceFilterQuery(filter, change)}`;
  const first = (page - 1) * ADMIN_SERVICE_PAGE_SIZE + 1;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Services</h1>
        <div className="flex gap-4">
          <Link href="/services/cancellations" className="text-sm text-[var(--brand)] underline">
            Cancellations by reason
          </Link>
          <Link href="/services/awaiting-hardware" className="text-sm text-[var(--brand)] underline">
            Awaiting hardware
          </Link>
          <Link href="/services/desktops" className="text-sm text-[var(--brand)] underline">
            Desktop sessions
          </Link>
        </div>
      </div>
      <form method="get" action="/services" aria-label="Filter services" className="flex flex-wrap items-end gap-3">
        <Select name="type" label="Type" value={filter.type} options={words(SERVICE_TYPES)} />
        <Select name="status" label="Status" value={filter.status} options={words(SERVICE_STATUSES)} />
        <Select name="provisioning" label="Provisioning" value={filter.provisioning} options={words(PROVISIONING_STATUSES)} />
        <Select name="module" label="Module" value={filter.module} options={MODULE_KEYS.map((k) => ({ value: k, label: PROVISIONING_MODULES[k].label }))} />
        <Select name="panel" label="Panel" value={filter.panel} options={panelRows.map((p) => ({ value: p.publicId, label: p.name }))} />
        <label className="text-sm">
          <span className="block font-medium">Customer</span>
          <input type="search" name="customer" defaultValue={filter.customer ?? ''} maxLength={100} placeholder="Email, name or cus_…" className={input} />
        </label>
        <FilterButtons filtered={hasAdminServiceFilter(filter)} clearHref="/services" />
      </form>
      <FilterProblems problems={problems} />
      <Card title={rows.length ? `Services ${first}–${first + rows.length - 1}${hasNext ? '' : ` of ${first + rows.length - 1}`}` : 'No services match'}>
        {rows.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-2 pr-3 font-medium">Service</th>
                  <th className="py-2 pr-3 font-medium">Customer</th>
                  <th className="py-2 pr-3 font-medium">Plan</th>
                  <th className="py-2 pr-3 font-medium">Status</th>
                  <th className="py-2 pr-3 font-medium">Provisioning</th>
                  <th className="py-2 pr-3 font-medium">Panel</th>
                  <th className="py-2 font-medium">Next due</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.publicId} className="border-b align-top last:border-0">
                    <ServiceCells publicId={r.publicId} label={r.label} customerId={r.customerId} customerEmail={r.customerEmail} />
                    <td className="py-2 pr-3">
                      {r.planName} <span className="text-xs text-slate-500">({r.serviceType.replaceAll('_', ' ')})</span>
                    </td>
                    <td className="py-2 pr-3">
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="py-2 pr-3">
                      <ProvisioningBadge status={r.provisioningStatus} />
                      {r.provisioningError ? <span className="block max-w-xs truncate text-xs text-red-800" title={r.provisioningError}>{r.provisioningError}</span> : null}
                    </td>
                    <td className="py-2 pr-3">{r.panelName ? `${r.panelName}${r.panelRef ? ` · ${r.panelRef}` : ''}` : '–'}</td>
                    <td className="py-2 whitespace-nowrap">{r.nextDueOn ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Nothing to show{hasAdminServiceFilter(filter) ? ' for these filters' : ' yet'}.</p>
        )}
      </Card>
      <Pager page={page} hasNext={hasNext} href={(p) => href({ page: p })} />
    </div>
  );
}
