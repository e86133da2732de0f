'use server';

import { getSignedInCustomer, requestMeta } from '@/lib/auth/request-session';
import { endImpersonation } from '@/lib/impersonation/impersonation';
import { areaUrl } from '@/lib/tenancy/area-url';

/** Ends the staff view and returns where the browser goes next (the admin panel's customer list). */
export async function endImpersonationAction(): Promise<string> {
  const c = await getSignedInCustomer();
  if (!c?.impersonation) return '/sign-in';
  await endImpersonation(c.ctx.db, { sessionId: c.sessionId, ip: (await requestMeta()).ip });
  return areaUrl(c.ctx.storefront.id, 'admin', '/customers');
}
