import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { getCentralDb } from '@/lib/db/central';
import { parseSellerDetails, setSellerDetails, type SellerDetailsInput } from '@/lib/settings/admin/set-seller-details';
import { createStorefront, initialHostnames } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefrontHostnames, storefronts } from '@/db/schema/central';
import { defineCommand } from '../command';

export const storefrontListCommand = defineCommand({
  name: 'storefront:list',
  summary: 'List storefronts with their databases and hostnames',
  json: true,
  schema: z.object({ _: z.array(z.string()).max(0, 'takes no arguments') }),
  run: async (_args, io) => {
    const db = getCentralDb();
    const rows = await db.select().from(storefronts).orderBy(asc(storefronts.id));
    const hosts = await db.select().from(storefrontHostnames).orderBy(asc(storefrontHostnames.id));
    const list = rows.map((sf) => ({
      slug: sf.slug,
      name: sf.name,
      kind: sf.kind,
      status: sf.status,
      database: sf.dbName,
      hostnames: hosts.filter((h) => h.storefrontId === sf.id).map((h) => ({ hostname: h.hostname, area: h.area })),
    }));
    if (io.json) return list;
    if (list.length === 0) io.out('No storefronts yet: run bin/ezscale seed --demo or storefront:create.');
    for (const sf of list) {
      io.out(`${sf.slug}  ${sf.name}  (${sf.kind}, ${sf.status})  db=${sf.database}`);
      for (const h of sf.hostnames) io.out(`    ${h.area.padEnd(9)} ${h.hostname}`);
    }
    return undefined;
  },
});

/** The seller flags of storefront:create, by the commerce setting each fills (what every invoice prints). */
const SELLER_FLAGS = {
  legalName: 'sellerName',
  address: 'sellerAddressLines',
  country: 'sellerCountry',
  region: 'sellerRegion',
  vatId: 'sellerTaxId',
  registrationNumber: 'sellerRegistrationNumber',
  registeredAt: 'sellerRegistrationPlace',
  invoiceFooter: 'invoiceFooter',
} as const satisfies Record<string, keyof SellerDetailsInput>;

const text = z.string({ error: 'takes a value' });

export const storefrontCreateCommand = defineCommand({
  name: 'storefront:create',
  summary:
    'Create a storefront with its own database, hostnames <slug>.<APP_DOMAIN> (and, with --domain D, D) with their account. and admin. hosts, and the seller its invoices name',
  usage:
    '--slug S --name N [--domain D] [--kind retail|reseller] [--tagline T] [--brand-color #RRGGBB] [--db-server-url mysql://…] ' +
    "[--legal-name 'Acme Hosting GmbH' --address 'Street 1; 10115 Berlin' --country DE --vat-id DE123456789 --registration-number 'HRB 1' --registered-at 'Amtsgericht Berlin' --region R --invoice-footer T]",
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    slug: z.string({ error: 'is required' }),
    name: z.string({ error: 'is required' }),
    domain: z.string({ error: 'takes a value' }).optional(),
    kind: z.enum(['retail', 'reseller']).optional(),
    tagline: z.string().optional(),
    brandColor: z.string().optional(),
    dbServerUrl: z.string().optional(),
    legalName: text.optional(),
    /** Address lines separated by ";". */
    address: text.optional(),
    country: text.optional(),
    region: text.optional(),
    vatId: text.optional(),
    registrationNumber: text.optional(),
    registeredAt: text.optional(),
    invoiceFooter: text.optional(),
  }),
  run: async ({ _, legalName, address, country, region, vatId, registrationNumber, registeredAt, invoiceFooter, ...input }, io) => {
    const flags = { legalName, address: address?.split(';').join('\n'), country, region, vatId, registrationNumber, registeredAt, invoiceFooter };
    const seller: SellerDetailsInput = {};
    for (const [flag, key] of Object.entries(SELLER_FLAGS)) {
      const value = flags[flag as keyof typeof flags];
      if (value !== undefined) seller[key] = value;
    }
    // Checked before anything is created, so a typo in a seller flag leaves no half-set-up storefront behind.
    parseSellerDetails(seller);
    const sf = await createStorefront(input);
    const changed = Object.keys(seller).length ? (await setSellerDetails(openStorefrontDb(sf), { input: seller, actor: { type: 'system', label: 'cli:storefront:create' } })).changed : [];
    const hostnames = initialHostnames(sf.slug, input.domain?.trim().toLowerCase()).map((h) => h.hostname);
    if (io.json) return { slug: sf.slug, name: sf.name, kind: sf.kind, database: sf.dbName, hostnames, sellerDetails: changed };
    io.out(`Created storefront ${sf.slug} (${sf.name}) with database ${sf.dbName}.`);
    io.out(`Hostnames: ${hostnames.join(', ')}.`);
    io.out(
      changed.length
        ? `Invoices name the seller as set: ${changed.join(', ')}.`
        : 'No seller details given: set the legal name, address, country and VAT number under admin → Tax before issuing invoices.',
    );
    return undefined;
  },
});
