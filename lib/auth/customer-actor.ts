import type { AuditActor } from '@/lib/audit/record-audit';
import { requestMeta, requireCustomer, requireCustomerInPerson } from './request-session';

/** Who acts in the customer area: the customer, or the staff member signed in as them. Security changes need the customer in person. */
export async function customerActor(opts: { inPerson: boolean } = { inPerson: false }) {
  const { ctx, customer, sessionId, impersonation } = opts.inPerson ? await requireCustomerInPerson() : await requireCustomer();
  const meta = await requestMeta();
  const actor: AuditActor = impersonation
    ? { type: 'staff', id: impersonation.staffId, label: `signed in as ${customer.email}`, ...meta }
    : { type: 'customer', id: customer.id, label: customer.email, ...meta };
  return { ctx, customer, sessionId, actor };
}
