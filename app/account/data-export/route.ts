import { requestMeta, requireCustomerInPerson } from '@/lib/auth/request-session';
import { recordAudit } from '@/lib/audit/record-audit';
import { exportCustomerData } from '@/lib/customers/export-customer-data';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { ctx, customer } = await requireCustomerInPerson();
  const data = await exportCustomerData(ctx.db, customer.id);
  await recordAudit(ctx.db, { actor: { type: 'customer', id: customer.id, label: customer.email, ...(await requestMeta()) }, action: 'customer.data_exported', target: { type: 'customer', id: customer.id } });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${customer.publicId}-data.json"`,
      'cache-control': 'no-store',
    },
  });
}
