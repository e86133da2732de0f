import { auditCsv, auditFilterSchema } from '@/lib/audit/list-audit';
import { forbiddenJson, requireStaffPermission } from '@/lib/staff/require-staff-permission';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const access = await requireStaffPermission('audit.view');
  if (!access.allowed) return forbiddenJson(access.message);
  const { ctx } = access;
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join('; ') }, { status: 400 });
  }
  const rows = auditCsv(ctx.db, parsed.data);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(new TextEncoder().encode(next.value));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${ctx.storefront.slug}-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
