import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { recordAudit } from '@/lib/audit/record-audit';
import { auditCsv, auditFilterSchema, listAuditEntries } from '@/lib/audit/list-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;

beforeAll(async () => {
  t = await setupTestEnv();
  db = openStorefrontDb(await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' }));
  for (let i = 0; i < 250; i++) {
    await recordAudit(db, { actor: { type: 'staff', id: 1, label: 'ops@example.com' }, action: i % 2 ? 'invoice.voided' : 'service.suspended', target: { type: 'service', id: i } });
  }
  await recordAudit(db, {
    actor: { type: 'customer', id: 9, label: '=HYPERLINK("http://evil")', ip: '198.51.100.7' },
    action: 'customer.profile_updated',
    target: { type: 'customer', id: 9 },
    before: { company: 'Old, "quoted"' },
    after: { company: '+cmd' },
  });
});
afterAll(async () => {
  await t.cleanup();
});

describe('audit log viewer', () => {
  it('filters by actor, action and target and pages newest first', async () => {
    const page1 = await listAuditEntries(db, auditFilterSchema.parse({ actorType: 'staff', action: 'invoice.voided' }), 100);
    expect(page1.entries).toHaveLength(100);
    expect(page1.entries.every((e) => e.action === 'invoice.voided')).toBe(true);
    const page2 = await listAuditEntries(db, { actorType: 'staff', action: 'invoice.voided', before: page1.nextBefore! }, 100);
    expect(page2.entries).toHaveLength(25);
    expect(page2.nextBefore).toBeNull();
    expect(page2.entries[0]!.id).toBeLessThan(page1.entries.at(-1)!.id);

    const one = await listAuditEntries(db, auditFilterSchema.parse({ targetType: 'customer', targetId: '9' }));
    expect(one.entries.map((e) => e.action)).toEqual(['customer.profile_updated']);
  });

  it('filters by date range, with "to" covering the whole day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEntries(db, auditFilterSchema.parse({ from: today, to: today }), 1000)).entries).toHaveLength(251);
    expect((await listAuditEntries(db, auditFilterSchema.parse({ to: '2000-01-01' }))).entries).toHaveLength(0);
  });

  it('rejects malformed filters', () => {
    expect(auditFilterSchema.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ actorType: 'robot' }).success).toBe(false);
    expect(auditFilterSchema.parse({ action: '', actorId: '' })).toEqual({});
  });

  it('exports every matching row as CSV, escaping quotes and spreadsheet formulas', async () => {
    let csv = '';
    for await (const chunk of auditCsv(db, {})) csv += chunk;
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(252);
    expect(lines[0]).toBe('id,created_at,actor_type,actor_id,actor_label,action,target_type,target_id,before,after,ip,user_agent');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain('"{""company"":""Old, \\""quoted\\""""}"');
    expect(lines[1]).toContain('198.51.100.7');
  });
});
