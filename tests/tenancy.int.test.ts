import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { migrateAll } from '@/lib/tenancy/migrate-all';
import { contextForHost } from '@/lib/tenancy/request-context';
import { resolveHost } from '@/lib/tenancy/host-resolver';
import { getCentralDb } from '@/lib/db/central';
import { getRedis, redisKey } from '@/lib/redis/client';
import { storefrontHostnames, storefronts } from '@/db/schema/central';
import { eq } from 'drizzle-orm';
import { productGroups } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
beforeAll(async () => {
  t = await setupTestEnv();
  await createStorefront({ slug: 'alpha', name: 'Alpha Hosting', domain: 'alpha.test', kind: 'retail' });
  await createStorefront({ slug: 'beta', name: 'Beta Hosting', domain: 'beta.test' });
});
afterAll(async () => {
  await t.cleanup();
});

describe('storefront isolation', () => {
  it('gives each host only its own storefront database', async () => {

    const alpha = await contextForHost('alpha.test');
    const beta = await contextForHost('admin.beta.test:3000');
    expect(alpha?.storefront.slug).toBe('alpha');
    expect(beta?.storefront.slug).toBe('beta');
    expect(beta?.area).toBe('admin');

    await alpha!.db.insert(productGroups).values({ slug: 'vps', name: 'Alpha VPS' });
    await beta!.db.insert(productGroups).values({ slug: 'vps', name: 'Beta VPS' });

    const seenByAlpha = await (await contextForHost('account.alpha.test'))!.db.select().from(productGroups);
    const seenByBeta = await (await contextForHost('beta.test'))!.db.select().from(productGroups);
    expect(seenByAlpha.map((g) => g.name)).toEqual(['Alpha VPS']);
    expect(seenByBeta.map((g) => g.name)).toEqual(['Beta VPS']);

    // Each handle is bound to its own database on the server.
    const [[alphaDb]] = (await alpha!.db.execute(sql`SELECT DATABASE() AS d`)) as unknown as [[{ d: string }]];
    const [[betaDb]] = (await beta!.db.execute(sql`SELECT DATABASE() AS d`)) as unknown as [[{ d: string }]];
    expect(alphaDb.d).toBe(`${t.centralDb}_sf_alpha`);
    expect(betaDb.d).toBe(`${t.centralDb}_sf_beta`);
  });

  it('gives every storefront its platform domain <slug>.<APP_DOMAIN> with account. and admin., beside an explicit one', async () => {
    expect((await resolveHost('alpha.localhost'))?.storefront.slug).toBe('alpha');
    expect(await resolveHost('account.beta.localhost')).toMatchObject({ storefront: { slug: 'beta' }, area: 'account' });
    expect(await resolveHost('admin.beta.localhost')).toMatchObject({ storefront: { slug: 'beta' }, area: 'admin' });
    // Slugs that would name the retail storefront's own hosts (admin.<APP_DOMAIN>) are refused.
    await expect(createStorefront({ slug: 'admin', name: 'Sneaky' })).rejects.toThrow(/reserved/);
  });

  it('resolves no storefront for an unknown host', async () => {
    expect(await resolveHost('evil.test')).toBeNull();
    expect(await contextForHost('account.unknown.test')).toBeNull();
    expect(await resolveHost('bad host name')).toBeNull();
  });

  it('rejects a duplicate slug or hostname without a half-written storefront', async () => {
    await expect(createStorefront({ slug: 'alpha', name: 'Again', domain: 'other.test' })).rejects.toThrow(/already exists/);
    await expect(createStorefront({ slug: 'gamma', name: 'Gamma', domain: 'alpha.test' })).rejects.toThrow(/already exists/);
    expect(await resolveHost('other.test')).toBeNull();
  });

  it('sees a hostname added by another process once it announces the change', async () => {
    expect(await resolveHost('shop.alpha.test')).toBeNull();
    const [alpha] = await getCentralDb().select().from(storefronts).where(eq(storefronts.slug, 'alpha'));
    // What another process does: insert the row and bump the version, without touching this process's cache.
    await getCentralDb().insert(storefrontHostnames).values({ hostname: 'shop.alpha.test', storefrontId: alpha!.id, area: 'marketing' });
    await getRedis().incr(redisKey('hostnames', 'version'));
    // The cache asks Redis for the version at most once a second: move the clock past that instead of sleeping.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 1_001);
      expect((await resolveHost('shop.alpha.test'))?.storefront.slug).toBe('alpha');
    } finally {
      vi.useRealTimers();
    }
  });

  it('migrate twice is a no-op the second time', async () => {
    const again = await migrateAll();
    expect(again.central.applied).toBe(0);
    expect(again.storefronts.map((s) => [s.slug, s.applied, s.created])).toEqual([
      ['alpha', 0, false],
      ['beta', 0, false],
    ]);
  });

  it('two migrations at once do not collide', async () => {
    const [a, b] = await Promise.all([migrateAll(), migrateAll()]);
    expect(a.central.applied + b.central.applied).toBe(0);
  });
});
