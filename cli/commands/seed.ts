import { z } from 'zod';
import { env } from '@/lib/config/env';
import { DEMO_SEED_REFUSAL, seedDemo } from '@/lib/setup/seed-demo';
import { defineCommand } from '../command';

export const seedCommand = defineCommand({
  name: 'seed',
  summary: 'Migrate and create the retail storefront with demo content and logins',
  usage: '--demo',
  json: true,
  refusedInProduction: DEMO_SEED_REFUSAL,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    demo: z.literal(true, { error: 'only --demo seeding exists; pass --demo' }),
  }),
  run: async (_args, io) => {
    const result = await seedDemo();
    if (io.json) return result;
    const e = env();
    const port = e.APP_PORT === 80 || e.APP_PORT === 443 ? '' : `:${e.APP_PORT}`;
    const url = (sub: string) => `${e.APP_PROTOCOL}://${sub}${e.APP_DOMAIN}${port}`;
    io.out(`Demo storefront "${result.storefront.name}" (${result.storefront.slug}) is ready.`);
    io.out(`  Marketing: ${url('')}`);
    for (const l of result.logins) io.out(`  ${l.area === 'admin' ? 'Admin:    ' : 'Account:  '} ${url(`${l.area}.`)}  ${l.email} / ${l.password}`);
    return undefined;
  },
});
