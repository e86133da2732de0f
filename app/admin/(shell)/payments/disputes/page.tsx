import { Card } from '@/components/ui/area-shell';
import { FilterButtons, FilterProblems, Pager } from '@/components/ui/list-filters';
import { DISPUTE_STATES, disputeFilterQuery, hasDisputeFilter, listDisputePage, parseDisputeFilter } from '@/lib/payments/admin/dispute-filter';
import { DISPUTE_PAGE_SIZE } from '@/lib/payments/disputes/list-disputes';
import { GATEWAY_IDS, GATEWAY_STAFF_NAMES } from '@/lib/payments/registry';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { DisputeTable } from './dispute-table';

const input = 'mt-1 block rounded border border-slate-300 px-2 py-1';

export default async function AdminDisputesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const { filter, problems } = parseDisputeFilter(await searchParams);
  const { rows, page, hasNext } = await listDisputePage(access.ctx.db, filter);
  const first = (page - 1) * DISPUTE_PAGE_SIZE + 1;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Disputes</h1>
      <p className="text-sm text-slate-600">
        {`Chargebacks and PayPal cases customers opened with ${GATEWAY_STAFF_NAMES}. Open ones come first, the nearest evidence deadline at the top: answer them in the gateway's dashboard. A lost dispute takes the amount off its invoice, which is then due again.`}
      </p>
      <form method="get" action="/payments/disputes" aria-label="Filter disputes" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium">State</span>
          <select name="state" defaultValue={filter.state ?? ''} className={input}>
            <option value="">Any</option>
            {DISPUTE_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">Gateway</span>
          <select name="gateway" defaultValue={filter.gateway ?? ''} className={input}>
            <option value="">Any</option>
            {GATEWAY_IDS.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <FilterButtons filtered={hasDisputeFilter(filter)} clearHref="/payments/disputes" />
      </form>
      <FilterProblems problems={problems} />
      <Card title={rows.length ? `Disputes ${first}–${first + rows.length - 1}${hasNext ? '' : ` of ${first + rows.length - 1}`}` : 'No disputes match'}>
        {rows.length ? <DisputeTable rows={rows} now={new Date()} /> : <p className="text-sm text-slate-500">Nothing to show{hasDisputeFilter(filter) ? ' for these filters' : ' yet'}.</p>}
      </Card>
      <Pager page={page} hasNext={hasNext} href={(p) => `/payments/disputes${disputeFilterQuery(filter, { page: p })}`} />
    </div>
  );
}
