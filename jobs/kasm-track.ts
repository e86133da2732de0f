import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { storefronts } from '@/db/schema/central';
import { getCentralDb } from '@/lib/db/central';
import { trackKasmSessions } from '@/lib/kasm/track-kasm-sessions';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { defineJob } from './define-job';

// Every 15 minutes: each storefront's Kasm desktop sessions reconciled with its panels (lib/kasm/track-kasm-sessions).
// Every write is guarded by a row's state or a unique key, so a run killed halfway, or two at once, changes
// nothing twice; a storefront that fails does not keep the others from their run. On the default queue with the
// other scheduled sweeps (billing.run-all, provisioning.sweep).
export const kasmTrackJob = defineJob({
  name: 'kasm.track',
  queue: 'default',
  schema: z.object({}),
  handler: async (_payload, { log }) => {
    const active = await getCentralDb().select().from(storefronts).where(eq(storefronts.status, 'active'));
    const total = { adopted: 0, closed: 0, stopped: 0, billed: 0, failed: 0 };
    for (const sf of active) {
      try {
        const r = await trackKasmSessions(openStorefrontDb(sf), { storefrontId: sf.id });
        total.adopted += r.adopted;
        total.closed += r.closed;
        total.stopped += r.stopped.length;
        total.billed += r.billed;
        total.stopped += r.credit.stopped.length;
        if (r.unreachable.length) log(`${sf.slug}: could not list sessions on ${r.unreachable.join(', ')}`);
      } catch (err) {
        total.failed += 1;
        log(`${sf.slug}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    log(`adopted ${total.adopted}, closed ${total.closed}, stopped ${total.stopped}, billed ${total.billed} session(s) across ${active.length} storefront(s)`);
    return total;
  },
});
