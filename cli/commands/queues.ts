import { z } from 'zod';
import { JOB_STATES, queueReports, type QueueReport } from '@/jobs/queue-report';
import { defineCommand } from '../command';

export const queuesCommand = defineCommand({
  name: 'queues',
  summary: 'Show job counts per queue and the registered recurring schedules',
  json: true,
  schema: z.object({ _: z.array(z.string()).max(0, 'takes no arguments') }),
  run: async (_args, io) => {
    const reports: QueueReport[] = await queueReports();
    if (io.json) return reports;
    io.out(`${'queue'.padEnd(10)}${JOB_STATES.map((s) => s.padStart(11)).join('')}`);
    for (const r of reports) io.out(`${r.queue.padEnd(10)}${JOB_STATES.map((s) => String(r.counts[s]).padStart(11)).join('')}`);
    const all = reports.flatMap((r) => r.schedulers.map((s) => ({ queue: r.queue, ...s })));
    io.out('');
    if (all.length === 0) io.out('No schedules registered: they are registered when a worker starts (npm run worker).');
    for (const s of all) {
      const when = s.pattern ? `cron "${s.pattern}"${s.tz ? ` ${s.tz}` : ''}` : `every ${(s.every ?? 0) / 1000} s`;
      io.out(`${s.queue}/${s.id}  ${when}  next ${s.next ?? '-'}`);
    }
    return undefined;
  },
});
