import type { provisioningLog } from '@/db/schema/storefront';

type LogRow = typeof provisioningLog.$inferSelect;

/** Every panel call for the service, newest first, as listProvisioningLog returns them (secrets already removed). */
export function ProvisioningLogTable({ rows }: { rows: LogRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="py-2 pr-3 font-medium">Time (UTC)</th>
            <th className="py-2 pr-3 font-medium">Action</th>
            <th className="py-2 pr-3 font-medium">Try</th>
            <th className="py-2 pr-3 font-medium">Call</th>
            <th className="py-2 pr-3 font-medium">Status</th>
            <th className="py-2 pr-3 text-right font-medium">Duration</th>
            <th className="py-2 pr-3 font-medium">Error</th>
            <th className="py-2 font-medium">Actor</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={`border-b align-top last:border-0 ${r.ok ? '' : 'bg-red-50'}`}>
              <td className="py-2 pr-3 whitespace-nowrap">{r.createdAt.toISOString().slice(0, 19).replace('T', ' ')}</td>
              <td className="py-2 pr-3">{r.action}</td>
              <td className="py-2 pr-3 tabular-nums">{r.attempt}</td>
              <td className="py-2 pr-3 font-mono text-xs break-all">
                {r.method ? `${r.method} ${r.path ?? ''}` : '–'}
                {r.requestSummary || r.responseExcerpt ? (
                  <details className="mt-1 font-sans">
                    <summary className="cursor-pointer text-slate-600">Request and response</summary>
                    {r.requestSummary ? <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap">{r.requestSummary}</pre> : null}
                    {r.responseExcerpt ? <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap">{r.responseExcerpt}</pre> : null}
                  </details>
                ) : null}
              </td>
              <td className="py-2 pr-3 tabular-nums">{r.responseStatus ?? (r.method ? '–' : r.ok ? 'done' : 'failed')}</td>
              <td className="py-2 pr-3 text-right tabular-nums whitespace-nowrap">{r.durationMs === null ? '–' : `${r.durationMs} ms`}</td>
              <td className="py-2 pr-3 text-red-800">{r.error ?? ''}</td>
              <td className="py-2 break-all">{r.actor ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
