import { z } from 'zod';
import { migrateAll } from '@/lib/tenancy/migrate-all';
import { defineCommand } from '../command';

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Create missing databases and apply central and storefront migrations (storefronts in parallel, MIGRATE_CONCURRENCY at once)',
  json: true,
  schema: z.object({ _: z.array(z.string()).max(0, 'takes no arguments') }),
  run: async (_args, io) => {
    // Progress goes to stderr with --json, so stdout stays one JSON document.
    const progress = io.json ? io.err : io.out;
    const report = await migrateAll({
      onProgress: (p) => progress(`${p.done}/${p.total} storefronts${p.error ? ` (${p.slug} failed: ${p.error})` : ` (${p.slug})`}`),
    });
    if (io.json) return report;
    const line = (label: string, r: { created: boolean; applied: number; database: string }) =>
      io.out(`${label.padEnd(24)} ${r.database}: ${r.created ? 'created, ' : ''}${r.applied} migration(s) applied`);
    line('central', report.central);
    for (const s of report.storefronts) line(`storefront ${s.slug}`, s);
    return undefined;
  },
});
