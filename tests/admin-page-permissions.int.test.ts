import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { passkeys } from '@/db/schema/storefront';
import { createSession } from '@/lib/auth/sessions';
import type { StorefrontDb } from '@/lib/db/connection';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import type { Permission, StaffRole } from '@/lib/staff/permissions';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// The admin pages themselves, rendered for staff of different roles: only the Next request (its Host header and
// session cookie) is stood in for; the session, role and permission checks are the real ones.

const request = vi.hoisted(() => ({ host: '', token: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_admin_session' && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));

const { default: EmailsPage } = await import('@/app/admin/(shell)/emails/page');
const { default: AlertsPage } = await import('@/app/admin/(shell)/alerts/page');
const { default: SystemPage } = await import('@/app/admin/(shell)/system/page');
const { PermissionDenied } = await import('@/app/admin/(shell)/permission-denied');

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };

/** Signs in (in the stand-in request) as a new staff member of this role, with a passkey as second factor. */
async function signInAs(role: StaffRole): Promise<void> {
  const s = await createStaffUser(db, { storefrontId, input: { email: `${role}-${Date.now()}@shop.test`, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
  await db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
  request.token = (await createSession(db, { principalType: 'staff', principalId: s.id })).token;
}

function deniedPermission(el: ReactElement): Permission | null {
  return el.type === PermissionDenied ? (el.props as { permission: Permission }).permission : null;
}

const PAGES: { name: string; render: () => Promise<ReactElement>; needs: Permission; without: StaffRole }[] = [
  { name: 'Emails', render: () => EmailsPage({ searchParams: Promise.resolve({}) }), needs: 'emails.send', without: 'read_only' },
  { name: 'Alerts', render: () => AlertsPage(), needs: 'alerts.manage', without: 'read_only' },
  { name: 'System', render: () => SystemPage(), needs: 'system.view', without: 'billing' },
];

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  storefrontId = sf.id;
  db = openStorefrontDb(sf);
  request.host = 'admin.shop.test';
});
afterAll(async () => {
  await t.cleanup();
});

describe('admin pages that need a permission', () => {
  for (const page of PAGES) {
    it(`${page.name}: a role without ${page.needs} gets the permission-denied page; one with it gets the page`, async () => {
      await signInAs(page.without);
      expect(deniedPermission(await page.render())).toBe(page.needs);
      await signInAs('owner');
      expect(deniedPermission(await page.render())).toBeNull();
    });
  }
});
