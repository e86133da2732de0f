import { z } from 'zod';
import { getKasmDesktopView } from '@/lib/kasm/get-kasm-desktop-view';
import { findStorefrontForCli } from '@/lib/setup/retail-storefront';
import { defineCommand } from '../command';

export const kasmSessionsCommand = defineCommand({
  name: 'kasm:sessions',
  summary: "List a desktop's sessions (latest first) with billed minutes and cost, and this period's total",
  usage: '--service svc_… [--json] [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    service: z.string({ error: 'is required' }),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const { storefront, db } = await findStorefrontForCli(args.storefront);
    const view = await getKasmDesktopView(db, { servicePublicId: args.service });
    if (io.json) return { storefront: storefront.slug, service: view.service, month: view.month, running: view.running, sessions: view.sessions };
    io.out(`${view.service}: this period (${view.month.periodStart} – ${view.month.periodEnd}) ${view.month.hours} h, ${view.month.amount}${view.running ? `; running for ${view.running.runningFor} (${view.running.cost} so far)` : ''}`);
    if (view.sessions.length === 0) io.out('No sessions.');
    for (const s of view.sessions) {
      io.out(`${s.startedAt}  ${s.stoppedAt ?? 'running'.padEnd(24)}  ${String(s.billedMinutes ?? '-').padStart(5)} min  ${(s.cost ?? '-').padStart(10)}  ${s.source}${s.endReason ? ` · ${s.endReason}` : ''}`);
    }
    return undefined;
  },
});
