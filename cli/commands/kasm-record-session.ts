import { z } from 'zod';
import { recordKasmSession } from '@/lib/kasm/record-kasm-session';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';
import { isoInstantSchema } from './service-create';

export const kasmRecordSessionCommand = defineCommand({
  name: 'kasm:record-session',
  summary: 'Record a desktop session the panel missed (audited) and bill it like any other: 15-minute increments, rounded up',
  usage: '--service svc_… --start ISO --stop ISO --reason R [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    service: z.string({ error: 'is required' }),
    start: isoInstantSchema,
    stop: isoInstantSchema,
    reason: z.string({ error: 'is required: say why the session is being recorded' }),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const r = await recordKasmSession(db, { input: { servicePublicId: args.service, start: args.start, stop: args.stop, reason: args.reason }, actor: { type: 'system', label: 'cli:kasm:record-session' } });
    const refused = r.billing.refused[0]?.message ?? null;
    if (io.json) return { storefront: storefront.slug, service: args.service, sessionId: r.sessionId, kasmId: r.kasmId, billedMinutes: r.billedMinutes, billed: refused === null, refused };
    io.out(`Recorded session ${r.kasmId} on ${args.service}: ${r.billedMinutes} minutes billed${refused ? `, but the usage engine refused it for now (${refused}); the tracker retries` : ''}.`);
    return undefined;
  },
});
