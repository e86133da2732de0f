import { InvoiceTable } from '@/components/billing/invoice-table';
import { Card } from '@/components/ui/area-shell';
import { requireAccountPermission } from '@/lib/auth/request-session';
import { listInvoices } from '@/lib/invoices/get-invoice';

export default async function AccountInvoicesPage() {
  const { ctx, account } = await requireAccountPermission('billing.view');
  const rows = await listInvoices(ctx.db, { customerId: account.id });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoices</h1>
      <Card title={rows.length ? `${rows.length} invoice(s)` : 'No invoices yet'}>
        {rows.length ? <InvoiceTable rows={rows} /> : <p className="text-sm text-slate-600">Invoices appear here when you place an order.</p>}
      </Card>
    </div>
  );
}
