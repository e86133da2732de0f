import Link from 'next/link';
import { Card, Stat } from '@/components/ui/area-shell';
import { getDashboardFigures } from '@/lib/admin/dashboard-figures';
import { requireStaff } from '@/lib/auth/request-session';

export default async function AdminDashboardPage() {
  const { ctx, staff } = await requireStaff();
  const f = await getDashboardFigures(ctx.db);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="text-slate-600">Signed in as {staff.name}.</p>
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
