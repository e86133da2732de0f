import { cancellationExportSchema, cancellationPeriod, cancellationsCsv } from '@/lib/billing/cancellation-report';
import { toDateString } from '@/lib/dates/calendar-days';
import { AppError } from '@/lib/errors/app-error';
import { forbiddenJson, requireStaffPermission } from '@/lib/staff/require-staff-permission';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const access = await requireStaffPermission('services.view');
  if (!access.allowed) return forbiddenJson(access.message);
  const { ctx } = access;
  const parsed = cancellationExportSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join('; ') }, { status: 400 });
  let period;
  try {
    period = cancellationPeriod(parsed.data, toDateString(new Date()));
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.message }, { status: err.status });
    throw err;
  }
  const rows = cancellationsCsv(ctx.db, period);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(new TextEncoder().encode(next.value));
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cancellations-${ctx.storefront.slug}-${period.from}-${period.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
