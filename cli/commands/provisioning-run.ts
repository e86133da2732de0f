import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { provisioningRequests, services } from '@/db/schema/storefront';
import { runProvisioningRequest } from '@/lib/provisioning/run-request';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { defineCommand } from '../command';

export const provisioningRunCommand = defineCommand({
  name: 'provisioning:run',
  summary: 'Carry out queued provisioning requests now, in this process (the worker does it on its own)',
  usage: '[--storefront SLUG] [--service svc_…] [--request ID] [--json]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    storefront: z.string().optional(),
    service: z.string().regex(/^svc_[a-z0-9]{1,40}$/, 'must be a service id like svc_…').optional(),
    request: z.coerce.number().int().positive().optional(),
  }),
  run: async ({ storefront: slug, service, request }, io) => {
    const { storefront } = await findStorefrontForCli(slug);
    const db = openStorefrontDb(storefront);
    const rows = await db
      .select({ id: provisioningRequests.id, action: provisioningRequests.action, service: services.publicId })
      .from(provisioningRequests)
      .innerJoin(services, eq(services.id, provisioningRequests.serviceId))
      .where(and(inArray(provisioningRequests.status, ['queued', 'running']), request ? eq(provisioningRequests.id, request) : undefined, service ? eq(services.publicId, service) : undefined))
      .orderBy(asc(provisioningRequests.id));
    const results: { request: number; service: string; action: string; outcome: string }[] = [];
    for (const r of rows) {
      let outcome: string;
      try {
        outcome = await runProvisioningRequest(db, storefront.id, r.id, { attempt: 1, finalAttempt: false, actor: { type: 'system', label: 'provisioning:run' } });
      } catch (err) {
        outcome = `will retry: ${err instanceof Error ? err.message : String(err)}`;
      }
      results.push({ request: r.id, service: r.service, action: r.action, outcome });
      if (!io.json) io.out(`${r.service} ${r.action} (request ${r.id}): ${outcome}`);
    }
    if (!io.json && !rows.length) io.out('Nothing queued.');
    return io.json ? results : undefined;
  },
});
