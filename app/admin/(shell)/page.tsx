import Link from 'next/link';
import { OnboardingChecklist } from '@/components/admin/onboarding-checklist';
import { Card, Stat } from '@/components/ui/area-shell';
import { getDashboardFigures } from '@/lib/admin/dashboard-figures';
import { requireStaff } from '@/lib/auth/request-session';
import { getOnboardingChecklist } from '@/lib/resellers/onboarding-checklist';

export default async function AdminDashboardPage() {
  const { ctx, staff } = await requireStaff();
  const [f, checklist] = await Promise.all([getDashboardFigures(ctx.db), ctx.storefront.kind === 'reseller' ? getOnboardingChecklist(ctx.db) : null]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="text-slate-600">Signed in as {staff.name}.</p>
      {/* A reseller's storefront: its first steps, until all are done. */}
      {checklist && checklist.some((i) => !i.done) ? <OnboardingChecklist items={checklist} /> : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card title="Customers">
          <Stat label="active customers" value={f.activeCustomers} />
        </Card>
        <Card title="Catalog">
          <Stat label="product groups" value={f.groups} />
        </Card>
        <Card title="Staff">
          <Stat label="active staff users" value={f.staff} />
        </Card>
        <Card title="Alerts">
          <Stat label="open alerts" value={f.openAlerts} />
          <Link href="/alerts" className="mt-2 inline-block text-sm text-[var(--brand)] underline">
            View alerts
          </Link>
        </Card>
        <Card title="Email">
          <Stat label="failed emails" value={f.failedEmails} />
          <Link href="/emails" className="mt-2 inline-block text-sm text-[var(--brand)] underline">
            View outbox
          </Link>
        </Card>
      </div>
    </div>
  );
}
