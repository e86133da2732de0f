import type { CapturedMail } from '@/sandbox/smtp/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { eq } from 'drizzle-orm';
import { emailOutbox } from '@/db/schema/storefront';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { SandboxHandle } from '@/sandbox/server';
import { main } from '@/cli/main';
import { setupTestEnv, type TestEnv } from './helpers/test-env';
import { setEnv, startTestSandbox } from './helpers/sandbox';

let t: TestEnv;
let sandbox: SandboxHandle;

type Mail = CapturedMail;

const get = (path: string, init?: RequestInit) => fetch(`${sandbox.url}${path}`, init);
const mails = async (to?: string) => (await (await get(`/mail/api/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`)).json()) as Mail[];
const postHook = (path: string, body: unknown) =>
  get(`/discord/api/webhooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});
// The simulators keep what they captured for the whole file: each test starts with an empty inbox and no Discord messages.
beforeEach(async () => {
  for (const path of ['/mail/api/messages', '/discord/api/messages']) expect((await get(path, { method: 'DELETE' })).status).toBe(204);
});

describe('sandbox HTTP', () => {
  it('serves an index linking every simulator, and 404 elsewhere', async () => {
    const res = await get('/');
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('href="/mail"');
    expect(html).toContain('href="/discord"');
    expect(html).toContain('href="/stripe"');
    expect(html).toContain('href="/paypal"');
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/mail/nope')).status).toBe(404);
  });
});

describe('SMTP simulator', () => {
  it('captures real mail, lists it newest first, filters by recipient and clears', async () => {
    const transport = nodemailer.createTransport(`smtp://${sandbox.host}:${sandbox.smtpPort}`);
    await transport.sendMail({ from: 'Shop <shop@alpha.test>', to: 'Ann@Example.com', subject: 'First', text: 'one' });
    await transport.sendMail({
      from: 'shop@alpha.test',
      to: 'bob@example.com',
      bcc: 'audit@example.com',
      subject: 'Verify <your> email',
      html: '<p>Click <a href="http://account.alpha.test/verify?t=abc">verify</a></p><script>alert(1)</script>',
      text: 'Click http://account.alpha.test/verify?t=abc',
      messageId: '<fixed-1@alpha.test>',
    });

    const all = await mails();
    expect(all.map((m) => m.subject)).toEqual(['Verify <your> email', 'First']);
    expect(await mails('ann@example.com')).toHaveLength(1);
    const [verify] = await mails('audit@example.com');
    expect(verify).toMatchObject({ to: ['bob@example.com', 'audit@example.com'], messageId: '<fixed-1@alpha.test>', from: 'shop@alpha.test' });
    expect(verify!.html).toContain('href="http://account.alpha.test/verify?t=abc"');
    expect(verify!.text).toContain('verify?t=abc');

    const inbox = await (await get('/mail')).text();
    expect(inbox).toContain('Verify &lt;your&gt; email');
    expect(inbox).not.toContain('Verify <your>');
    expect(inbox).toContain(`href="/mail/messages/${verify!.id}"`);

    const pageRes = await get(`/mail/messages/${verify!.id}`);
    const page = await pageRes.text();
    expect(pageRes.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).toMatch(/<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="[^"]*verify\?t=abc[^"]*"><\/iframe>/);
    expect(page).not.toContain('<script>');
    expect(page).toContain('Click http://account.alpha.test/verify?t=abc');
    expect((await (await get(`/mail/api/messages/${verify!.id}`)).json()) as Mail).toMatchObject({ subject: 'Verify <your> email' });
    expect((await get('/mail/messages/9999')).status).toBe(404);

    expect((await get('/mail/api/messages', { method: 'DELETE' })).status).toBe(204);
    expect(await mails()).toEqual([]);
  });
});

describe('Discord simulator', () => {
  it('validates like Discord and answers 204, or 200 with the message when ?wait=true', async () => {
    const empty = await postHook('1/tok', { content: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ message: 'Cannot send an empty message', code: 50006 });
    const long = await postHook('1/tok', { content: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ code: 50035 });
    expect(await (await postHook('1/tok', '{not json')).json()).toMatchObject({ code: 50109 });
    expect((await get('/discord/api/webhooks/1/tok')).status).toBe(405);

    expect((await postHook('1/tok', { content: 'first <b>bold</b>' })).status).toBe(204);
    const waited = await postHook('2/tok?wait=true', { embeds: [{ title: 'Embed <i>', description: 'd', color: 0xff0000 }] });
    expect(waited.status).toBe(200);
    const msg = (await waited.json()) as { id: string; webhook_id: string; embeds: { title: string }[] };
    expect(msg.webhook_id).toBe('2');
    expect(msg.id).toMatch(/^\d+$/);

    const list = (await (await get('/discord/api/messages')).json()) as { content: string; embeds: unknown[] }[];
    expect(list.map((m) => m.content)).toEqual(['', 'first <b>bold</b>']);
    const page = await (await get('/discord')).text();
    expect(page).toContain('first &lt;b&gt;bold&lt;/b&gt;');
    expect(page).toContain('Embed &lt;i&gt;');
    expect(page.indexOf('Embed &lt;i&gt;')).toBeLessThan(page.indexOf('first &lt;b&gt;'));

    expect((await postHook('1/fail-503', { content: 'x' })).status).toBe(503);
    expect((await get('/discord/api/messages', { method: 'DELETE' })).status).toBe(204);
    expect(await (await get('/discord/api/messages')).json()).toEqual([]);
  });
});

describe('bin/ezscale mail:test', () => {
  it('queues and sends a test email from the retail storefront by default, or the one named', async () => {
    await createStorefront({ slug: 'beta', name: 'Beta Reseller', domain: 'beta.test' });
    const alpha = await createStorefront({ slug: 'alpha', name: 'Alpha Hosting', domain: 'alpha.test', kind: 'retail' });
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

    expect(await main(['mail:test', '--to', 'ops@example.com'], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^Sent test email to ops@example\.com from storefront alpha via smtp:\/\/127\.0\.0\.1:\d+ \(outbox #1, Message-ID <outbox-/);
    expect(out[1]).toBe(`Read it at ${sandbox.url}/mail`);
    const [mail] = await mails('ops@example.com');
    expect(mail?.subject).toBe('Test email from Alpha Hosting');

    expect(await main(['mail:test', '--to', 'ops@example.com', '--storefront', 'beta'], io)).toBe(0);
    expect((await mails('ops@example.com'))[0]?.subject).toBe('Test email from Beta Reseller');

    expect(await main(['mail:test', '--to', 'nope'], io)).toBe(2);
    expect(err.pop()).toBe('error: --to: must be an email address');

    setEnv({ SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(await main(['mail:test', '--to', 'down@example.com'], io)).toBe(1);
    expect(err.pop()).toMatch(/^error: Outbox #2 to down@example\.com failed via smtp:\/\/127\.0\.0\.1:1: /);
    const [failed] = await openStorefrontDb(alpha).select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'down@example.com'));
    expect(failed?.status).toBe('failed');
    setEnv({ SMTP_URL: undefined });
  });
});
