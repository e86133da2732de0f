import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ReactElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { customDomains, type Storefront } from '@/db/schema/central';
import { passkeys } from '@/db/schema/storefront';
import { createSession } from '@/lib/auth/sessions';
import { getCentralDb } from '@/lib/db/central';
import type { StorefrontDb } from '@/lib/db/connection';
import { addDomain } from '@/lib/domains/add-domain';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import type { Permission, StaffRole } from '@/lib/staff/permissions';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { resolveHost } from '@/lib/tenancy/host-resolver';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { SandboxHandle } from '@/sandbox/server';
import { setEnv, startTestSandbox } from './helpers/sandbox';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// Settings → Domains in a storefront's own admin panel, rendered as its signed-in staff (only the Next request,
// Host and session cookie, is stood in for), and the domain:add / domain:verify commands of the operator CLI.

const request = vi.hoisted(() => ({ host: '', token: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_admin_session' && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: DomainsPage } = await import('@/app/admin/(shell)/settings/domains/page');
const { default: DomainPage } = await import('@/app/admin/(shell)/settings/domains/[id]/page');
const { addDomainAction, checkDomainAction, removeDomainAction } = await import('@/app/admin/(shell)/settings/domains/actions');
const { PermissionDenied } = await import('@/app/admin/(shell)/permission-denied');

let t: TestEnv;
let sandbox: SandboxHandle;
let brand: { sf: Storefront; db: StorefrontDb };
let other: Storefront;
let theirDomainId = '';
const system = { type: 'system' as const, label: 'test' };

async function signInAs(role: StaffRole): Promise<void> {
  const s = await createStaffUser(brand.db, { storefrontId: brand.sf.id, input: { email: `${role}-${Date.now()}@brand.test`, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
  await brand.db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
  request.token = (await createSession(brand.db, { principalType: 'staff', principalId: s.id })).token;
}
async function html(el: ReactElement): Promise<string> {
  const stream = await renderToReadableStream(el);
  await stream.allReady;
  return (await new Response(stream).text()).replaceAll('<!-- -->', '');
}
const deniedPermission = (el: ReactElement): Permission | null => (el.type === PermissionDenied ? (el.props as { permission: Permission }).permission : null);
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const rowOf = async (domain: string) => (await getCentralDb().select().from(customDomains).where(eq(customDomains.domain, domain)))[0]!;

/** The real CLI in a child process; asynchronously, since the sandbox's DNS server answering it runs in this one. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('bin/ezscale', args, { env: { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix }, encoding: 'utf8' });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number | null; stdout: string; stderr: string };
    return { status: e.code ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
  setEnv({ APP_DOMAIN: 'platform.test' });
  const a = await createStorefront({ slug: 'brand', name: 'Brand Hosting' });
  other = await createStorefront({ slug: 'other', name: 'Other Hosting' });
  brand = { sf: a, db: openStorefrontDb(a) };
  theirDomainId = (await addDomain(getCentralDb(), { storefrontId: other.id, domain: 'theirs.example', actor: system })).publicId;
  request.host = 'admin.brand.platform.test';
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});

describe('Settings → Domains', () => {
  it('adds a domain, shows the records to create with copy buttons, checks it now and verifies it once the records exist', async () => {
    await signInAs('owner');
    const added = await addDomainAction(null, form({ domain: 'shop.brand.example' }));
    const row = await rowOf('shop.brand.example');
    expect(added).toMatchObject({ ok: true, redirectTo: `/settings/domains/${row.publicId}` });

    const page = await html(await DomainPage({ params: Promise.resolve({ id: row.publicId }) }));
    expect(page).toContain('Waiting for DNS');
    expect(page).toContain(`_ezscale-verify.shop.brand.example`);
    expect(page).toContain(row.verifyToken);
    expect(page).toContain('admin.shop.brand.example');
    expect(page).toContain('aria-label="Copy TXT value"');
    expect(page).toContain('Check now');

    const early = await checkDomainAction(null, form({ domain: row.publicId }));
    expect(early.ok).toBe(false);
    expect(early.message).toContain('No TXT record _ezscale-verify.shop.brand.example was found.');
    const afterMiss = await html(await DomainPage({ params: Promise.resolve({ id: row.publicId }) }));
    expect(afterMiss).toContain('Last check found');

    // The newcomer's way: the records as the CLI prints them, posted to the sandbox's DNS control endpoint.
    const records = [
      { type: 'CNAME', name: 'shop.brand.example', value: 'platform.test' },
      { type: 'CNAME', name: 'account.shop.brand.example', value: 'platform.test' },
      { type: 'CNAME', name: 'admin.shop.brand.example', value: 'platform.test' },
      { type: 'TXT', name: '_ezscale-verify.shop.brand.example', value: row.verifyToken },
    ];
    expect((await fetch(`${sandbox.url}/dns/_control/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domain: 'shop.brand.example', records }) })).status).toBe(200);
    expect(await checkDomainAction(null, form({ domain: row.publicId }))).toMatchObject({ ok: true, message: 'shop.brand.example is verified and now serves this storefront.' });
    expect((await resolveHost('admin.shop.brand.example'))?.storefront.slug).toBe('brand');

    const list = await html(await DomainsPage());
    expect(list).toContain('Verified');
    expect(list).toContain('brand.platform.test');
    expect(list).toContain('admin.shop.brand.example');
  });

  it('shows a field error for a domain it refuses', async () => {
    await signInAs('owner');
    expect(await addDomainAction(null, form({ domain: 'not a domain' }))).toMatchObject({ ok: false, fieldErrors: { domain: [expect.stringMatching(/must be a domain/)] }, values: { domain: 'not a domain' } });
    expect(await addDomainAction(null, form({ domain: 'x.platform.test' }))).toMatchObject({ ok: false, fieldErrors: { domain: [expect.stringMatching(/belongs to the platform/)] } });
  });

  it('answers another storefront’s domain id, or a malformed one, with 404, and changes nothing of it', async () => {
    await signInAs('owner');
    await expect(DomainPage({ params: Promise.resolve({ id: theirDomainId }) })).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    await expect(DomainPage({ params: Promise.resolve({ id: "dom_x' OR 1=1" }) })).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    expect(await checkDomainAction(null, form({ domain: theirDomainId }))).toEqual({ ok: false, message: 'No such domain.', fieldErrors: undefined, values: {} });
    expect(await removeDomainAction(null, form({ domain: theirDomainId }))).toMatchObject({ ok: false, message: 'No such domain.' });
    expect((await rowOf('theirs.example')).checks).toBe(0);
  });

  it('refuses staff without settings.manage (the permission-denied page, the admin answer to a 403)', async () => {
    await signInAs('support');
    expect(deniedPermission(await DomainsPage())).toBe('settings.manage');
    expect(deniedPermission(await DomainPage({ params: Promise.resolve({ id: (await rowOf('shop.brand.example')).publicId }) }))).toBe('settings.manage');
    // Refused before the id is looked at: another storefront's id gets the same answer.
    expect(deniedPermission(await DomainPage({ params: Promise.resolve({ id: theirDomainId }) }))).toBe('settings.manage');
    for (const action of [addDomainAction, checkDomainAction, removeDomainAction]) {
      expect(await action(null, form({ domain: 'shop2.brand.example' }))).toMatchObject({ ok: false, message: expect.stringMatching(/permission/) });
    }
    expect(await getCentralDb().select().from(customDomains).where(eq(customDomains.domain, 'shop2.brand.example'))).toHaveLength(0);
  });

  it('removes a verified domain, which stops resolving', async () => {
    await signInAs('owner');
    const row = await rowOf('shop.brand.example');
    expect(await removeDomainAction(null, form({ domain: row.publicId }))).toMatchObject({ ok: true, redirectTo: '/settings/domains' });
    expect(await resolveHost('shop.brand.example')).toBeNull();
  });
});

describe('domain:add and domain:verify', () => {
  it('prints the records to create as JSON, then checks them on demand', async () => {
    const added = await cli(['domain:add', '--storefront', 'brand', '--domain', 'cli.brand.example', '--json']);
    expect(added.stderr).toBe('');
    const json = JSON.parse(added.stdout) as { domain: string; status: string; records: { type: string; name: string; value: string }[] };
    const token = (await rowOf('cli.brand.example')).verifyToken;
    expect(json).toEqual({
      domain: 'cli.brand.example',
      status: 'pending',
      records: [
        { type: 'CNAME', name: 'cli.brand.example', value: 'platform.test' },
        { type: 'CNAME', name: 'account.cli.brand.example', value: 'platform.test' },
        { type: 'CNAME', name: 'admin.cli.brand.example', value: 'platform.test' },
        { type: 'TXT', name: '_ezscale-verify.cli.brand.example', value: token },
      ],
    });

    const missing = JSON.parse((await cli(['domain:verify', '--storefront', 'brand', '--domain', 'cli.brand.example', '--json'])).stdout) as { domains: { status: string; problems: string[] }[] };
    expect(missing.domains[0]).toMatchObject({ status: 'pending', problems: expect.arrayContaining(['No TXT record _ezscale-verify.cli.brand.example was found.']) });

    // What domain:add printed is what the sandbox's DNS control endpoint takes.
    expect((await fetch(`${sandbox.url}/dns/_control/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: added.stdout })).status).toBe(200);
    const text = await cli(['domain:verify', '--storefront', 'brand']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('cli.brand.example: verified; brand answers on cli.brand.example, account.cli.brand.example, admin.cli.brand.example.');

    const human = await cli(['domain:add', '--storefront', 'brand', '--domain', 'human.brand.example']);
    expect(human.stdout).toContain('Added human.brand.example to storefront brand (pending). Create these records at its DNS provider:');
    expect(human.stdout).toMatch(/TXT\s+_ezscale-verify\.human\.brand\.example\s+[0-9a-f]{32}/);
    const refused = await cli(['domain:add', '--storefront', 'brand', '--domain', 'human.brand.example']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('human.brand.example is already added to this storefront.');
    expect((await cli(['domain:verify', '--storefront', 'other', '--domain', 'cli.brand.example'])).stderr).toContain('No domain cli.brand.example on this storefront.');
  });
});
