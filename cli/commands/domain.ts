import { z } from 'zod';
import { getCentralDb } from '@/lib/db/central';
import { addDomain } from '@/lib/domains/add-domain';
import { checkDomainNow } from '@/lib/domains/check-domain-now';
import type { DomainView } from '@/lib/domains/domain-view';
import { getDomainByNameOrThrow, listDomains } from '@/lib/domains/list-domains';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand, type CliIo } from '../command';

const storefrontFlag = z.string({ error: 'is required (the storefront slug)' }).min(1, 'is required (the storefront slug)');

function printRecords(io: CliIo, d: DomainView): void {
  const width = Math.max(...d.records.map((r) => r.name.length));
  for (const r of d.records) io.out(`  ${r.type.padEnd(5)}  ${r.name.padEnd(width)}  ${r.value}`);
}

export const domainAddCommand = defineCommand({
  name: 'domain:add',
  summary: "Add a custom domain to a storefront and print the DNS records to create; it is checked for 72 hours, then verified or failed",
  usage: '--storefront SLUG --domain D',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    storefront: storefrontFlag,
    domain: z.string({ error: 'is required, e.g. --domain shop.example.com' }),
  }),
  run: async (args, io) => {
    const { storefront } = await findStorefrontForCli(args.storefront);
    const d = await addDomain(getCentralDb(), { storefrontId: storefront.id, domain: args.domain, actor: { type: 'system', label: 'cli:domain:add' } });
    if (io.json) return { domain: d.domain, status: d.status, records: d.records.map(({ type, name, value }) => ({ type, name, value })) };
    io.out(`Added ${d.domain} to storefront ${storefront.slug} (${d.status}). Create these records at its DNS provider:`);
    printRecords(io, d);
    io.out(`It is checked automatically for 72 hours. To check now: bin/ezscale domain:verify --storefront ${storefront.slug} --domain ${d.domain}`);
    return undefined;
  },
});

export const domainVerifyCommand = defineCommand({
  name: 'domain:verify',
  summary: "Check a storefront's custom domains against DNS now (one with --domain, else every one not yet verified) and print the result",
  usage: '--storefront SLUG [--domain D]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    storefront: storefrontFlag,
    domain: z.string({ error: 'takes a value, e.g. --domain shop.example.com' }).optional(),
  }),
  run: async (args, io) => {
    const central = getCentralDb();
    const { storefront } = await findStorefrontForCli(args.storefront);
    const targets = args.domain ? [(await getDomainByNameOrThrow(central, storefront.id, args.domain)).publicId] : (await listDomains(central, storefront.id)).map((d) => d.publicId);
    const domains: DomainView[] = [];
    for (const publicId of targets) domains.push((await checkDomainNow(central, { storefrontId: storefront.id, domainPublicId: publicId })).domain);
    if (io.json) {
      return {
        storefront: storefront.slug,
        domains: domains.map((d) => ({ domain: d.domain, status: d.status, problems: d.problems, lastCheckedAt: d.lastCheckedAt?.toISOString() ?? null, records: d.records })),
      };
    }
    if (!domains.length) io.out(`Storefront ${storefront.slug} has no custom domains: add one with domain:add.`);
    for (const d of domains) {
      if (d.status === 'verified') {
        io.out(`${d.domain}: verified; ${storefront.slug} answers on ${d.hostnames.join(', ')}.`);
        continue;
      }
      const when = d.status === 'pending' && d.nextCheckAt ? ` Next automatic check ${d.nextCheckAt.toISOString()}.` : '';
      io.out(`${d.domain}: ${d.status}.${when}`);
      for (const p of d.problems) io.out(`  - ${p}`);
      io.out('  Records to create:');
      printRecords(io, d);
    }
    return undefined;
  },
});
