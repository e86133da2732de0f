import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { listEnabledCurrencies } from '@/lib/catalog/public/list-enabled-currencies';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { listResellerPrograms } from '@/lib/resellers/programs/list-reseller-programs';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';
import { PermissionDenied } from '../../permission-denied';
import { ResellerNav } from '../reseller-nav';
import { ProgramForm } from './program-form';

export default async function ResellerProgramsPage() {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return <PermissionDenied permission="resellers.manage" />;
  const money = await requestCurrencyBook();
  const [programs, currencies] = await Promise.all([listResellerPrograms(platform.central), listEnabledCurrencies(platform.access.ctx.db)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Reseller programs</h1>
      <ResellerNav current="/resellers/programs" />
      <Card title={`${programs.length} program(s)`}>
        {programs.length === 0 ? (
          <p className="text-sm text-slate-500">No programs yet: a reseller joins one, so create the first below.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">Program</th>
                <th className="py-2 pr-4 font-medium">Monthly fee</th>
                <th className="py-2 pr-4 font-medium">Suspended after</th>
                <th className="py-2 pr-4 font-medium">Resellers</th>
                <th className="py-2 pr-4 font-medium">New resellers</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {programs.map((v) => (
                <tr key={v.program.id}>
                  <td className="py-2 pr-4">
                    <Link href={`/resellers/programs/${v.program.id}`} className="text-[var(--brand)] underline">
                      {v.program.name}
                    </Link>{' '}
                    <span className="font-mono text-xs text-slate-500">{v.program.slug}</span>
                  </td>
                  <td className="py-2 pr-4">{v.fees.length ? v.fees.map((f) => money.format(f.monthlyFeeMinor, f.currency)).join(' · ') : 'none'}</td>
                  <td className="py-2 pr-4">{v.program.unpaidDaysBeforeSuspension} days unpaid</td>
                  <td className="py-2 pr-4">{v.resellers}</td>
                  <td className="py-2 pr-4">{v.program.active ? 'taken' : 'closed'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="New program">
        <ProgramForm currencies={currencies} />
      </Card>
    </div>
  );
}
