import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { FilterButtons, FilterProblems, Pager } from '@/components/ui/list-filters';
import { cancellationFilterQuery, cancellationPeriod, getCancellationReport, parseCancellationFilter } from '@/lib/billing/cancellation-report';
import { toDateString } from '@/lib/dates/calendar-days';
import { AppError } from '@/lib/errors/app-error';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';

const input = 'mt-1 block rounded border border-slate-300 px-2 py-1';

export default async function CancellationReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('services.view');
  if (!access.allowed) return <PermissionDenied permission="services.view" />;
  const { filter, problems } = parseCancellationFilter(await searchParams);
  const today = toDateString(new Date());
  let period;
  try {
    period = cancellationPeriod(filter, today);
  } catch (err) {
    // A period too long to read is reported like any ignored filter, and the default period shown instead.
    if (!(err instanceof AppError)) throw err;
    problems.push(`${err.message} Showing the last 30 days.`);
    period = cancellationPeriod({}, today);
  }
  const report = await getCancellationReport(access.ctx.db, { period, page: filter.page });
  const periodQuery = cancellationFilterQuery({ page: 1, from: period.from, to: period.to });
  const share = (n: number) => (report.total ? `${Math.round((n * 100) / report.total)} %` : '–');
  return (
    <div className="space-y-6">
      <div>
        <Link href="/services" className="text-sm text-slate-600 underline">
          ← Services
        </Link>
        <h1 className="text-2xl font-semibold">Cancellations by reason</h1>
      </div>
      <form method="get" action="/services/cancellations" aria-label="Period" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium">From</span>
          <input type="date" name="from" defaultValue={period.from} className={input} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">To</span>
          <input type="date" name="to" defaultValue={period.to} className={input} />
        </label>
        <FilterButtons filtered={filter.from !== undefined || filter.to !== undefined} clearHref="/services/cancellations" />
        <a href={`/services/cancellations/export${periodQuery}`} className="text-sm text-[var(--brand)] underline">
          Download CSV
        </a>
      </form>
      <FilterProblems problems={problems} />
      <Card title={`${report.total} cancellation(s) requested ${period.from} – ${period.to}`}>
        <table className="w-full text-sm" data-testid="cancellations-by-reason">
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="py-2 pr-3 font-medium">Reason</th>
              <th className="py-2 pr-3 text-right font-medium">Cancellations</th>
              <th className="py-2 text-right font-medium">Share</th>
            </tr>
          </thead>
          <tbody>
            {report.byReason.map((r) => (
              <tr key={r.code ?? 'none'} className="border-b last:border-0">
                <td className="py-2 pr-3">{r.label}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.count}</td>
                <td className="py-2 text-right tabular-nums">{share(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Latest, in the customers’ words">
        {report.recent.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="recent-cancellations">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-2 pr-3 font-medium">Requested</th>
                  <th className="py-2 pr-3 font-medium">Service</th>
                  <th className="py-2 pr-3 font-medium">Customer</th>
                  <th className="py-2 pr-3 font-medium">Reason</th>
                  <th className="py-2 font-medium">What they said</th>
                </tr>
              </thead>
              <tbody>
                {report.recent.map((r) => (
                  <tr key={r.servicePublicId} className="border-b align-top last:border-0">
                    <td className="py-2 pr-3 whitespace-nowrap">{r.requestedAt.toISOString().slice(0, 10)}</td>
                    <td className="py-2 pr-3">
                      <Link href={`/services/${r.servicePublicId}`} className="text-[var(--brand)] underline">
                        {r.serviceLabel}
                      </Link>{' '}
                      <span className="text-slate-500">({r.status})</span>
                    </td>
                    <td className="py-2 pr-3">{r.customerEmail}</td>
                    <td className="py-2 pr-3">{r.label}</td>
                    <td className="py-2 whitespace-pre-line">{r.reason ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-500">No cancellations were requested in this period.</p>
        )}
      </Card>
      <Pager page={report.page} hasNext={report.hasNext} href={(page) => `/services/cancellations${cancellationFilterQuery({ ...filter, page })}`} />
    </div>
  );
}
