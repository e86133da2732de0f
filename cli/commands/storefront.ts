import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { getCentralDb } from '@/lib/db/central';
import { createStorefront } from '@/lib/tenancy/create-storefront';
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

export const storefrontCreateCommand = defineCommand({
  name: 'storefront:create',
  summary: 'Create a storefront with its own database and hostnames <domain>, account.<domain>, admin.<domain>',
  usage: '--slug S --name N --domain D [--kind retail|reseller] [--tagline T] [--brand-color #RRGGBB] [--db-server-url mysql://…]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    slug: z.string({ error: 'is required' }),
    name: z.string({ error: 'is required' }),
    domain: z.string({ error: 'is required' }),
    kind: z.enum(['retail', 'reseller']).optional(),
    tagline: z.string().optional(),
    brandColor: z.string().optional(),
    dbServerUrl: z.string().optional(),
  }),
  run: async ({ _, ...input }, io) => {
    const sf = await createStorefront(input);
    if (io.json) return { slug: sf.slug, name: sf.name, kind: sf.kind, database: sf.dbName };
    io.out(`Created storefront ${sf.slug} (${sf.name}) with database ${sf.dbName}.`);
    return undefined;
  },
});
