import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/area-shell';
import { listEnabledCurrencies } from '@/lib/catalog/public/list-enabled-currencies';
import { feeCurrencies } from '@/lib/resellers/programs/program-form';
import { listResellerPrograms } from '@/lib/resellers/programs/list-reseller-programs';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';
import { PermissionDenied } from '../../../permission-denied';
import { ProgramForm } from '../program-form';

export default async function ResellerProgramPage(props: { params: Promise<{ id: string }> }) {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return <PermissionDenied permission="resellers.manage" />;
  const { id } = await props.params;
  if (!/^[1-9][0-9]{0,15}$/.test(id)) notFound();
  const [[view], platformCurrencies] = await Promise.all([listResellerPrograms(platform.central, { programId: Number(id) }), listEnabledCurrencies(platform.access.ctx.db)]);
  if (!view) notFound();
  const currencies = feeCurrencies(platformCurrencies, view, (await requestCurrencyBook()).digits);
  return (
    <div className="space-y-6">
      <Link href="/resellers/programs" className="text-sm text-[var(--brand)] underline">
        All programs
      </Link>
      <h1 className="text-2xl font-semibold">{view.program.name}</h1>
      <p className="text-sm text-slate-600">{view.resellers} reseller(s) on this program.</p>
      <Card title="Program">
        <ProgramForm view={view} currencies={currencies} />
      </Card>
    </div>
  );
}
