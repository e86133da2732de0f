import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { storefronts } from '@/db/schema/central';
import { runBillingPass, type BillingPassReport } from '@/lib/billing/run/run-billing-pass';
import { getCentralDb } from '@/lib/db/central';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { defineCommand } from '../command';

function summary(slug: string, r: BillingPassReport): string {
  const collected = Object.entries(r.collected)
    .map(([k, v]) => `${v.invoices} paid by ${k}`)
    .join(', ');
  const notices = Object.entries(r.notices)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return [
    `${slug} as of ${r.at}: ${r.renewals.invoices} renewal invoice(s) for ${r.renewals.services} service(s)`,
    `${r.usage.invoices} usage invoice(s), usage on ${r.usage.attached} renewal invoice(s)`,
    collected,
    `notices: ${notices || 'none'}`,
    `${r.lateFees.invoices} late fee(s)`,
    `${r.suspended.services} suspended`,
    `${r.terminated.services} terminated (${r.terminated.invoicesVoided} invoice(s) voided)`,
    `${r.cancelled.services} cancelled at period end`,
    `${r.ms} ms`,
  ].join('; ');
}

export const billingRunCommand = defineCommand({
  name: 'billing:run',
  summary: 'Run one billing pass (renewals, usage periods, credit, reminders, late fees, suspensions, terminations) as of a moment',
  usage: '[--at ISO-datetime] [--storefront SLUG] [--json]   (default: now, every active storefront)',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    at: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date or date-time such as 2026-12-01T06:00:00Z')
      .optional(),
    storefront: z.string().optional(),
  }),
  run: async ({ at, storefront: slug }, io) => {
    const when = at ? new Date(at) : new Date();
    const targets = slug
      ? [(await findStorefrontForCli(slug)).storefront]
      : await getCentralDb().select().from(storefronts).where(eq(storefronts.status, 'active'));
    const reports: (BillingPassReport & { storefront: string })[] = [];
    for (const sf of targets) {
      const report = await runBillingPass(openStorefrontDb(sf), { storefrontId: sf.id, at: when });
      reports.push({ storefront: sf.slug, ...report });
      if (!io.json) io.out(summary(sf.slug, report));
    }
    return io.json ? (slug ? reports[0] : reports) : undefined;
  },
});
