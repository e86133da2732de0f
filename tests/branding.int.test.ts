import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { and, eq, gt, max } from 'drizzle-orm';
import type { Storefront } from '@/db/schema/central';
import { auditLog, passkeys, storefrontSettings } from '@/db/schema/storefront';
import { createSession } from '@/lib/auth/sessions';
import { getStorefrontBrand } from '@/lib/branding/storefront-brand';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { queueEmail } from '@/lib/email/enqueue-email';
import { sendOutboxEmail } from '@/lib/email/send-outbox-email';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';
import { renderInvoicePdf } from '@/lib/invoices/render-invoice-pdf';
import { sampleDetail } from '@/lib/invoices/test-fixtures';
import { updateBrandDetails } from '@/lib/settings/admin/update-brand-details';
import { updateBrandImage } from '@/lib/settings/admin/update-brand-image';
import { getBrandingSettings } from '@/lib/settings/branding-settings';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import type { StaffRole } from '@/lib/staff/permissions';
import { getFileStore } from '@/lib/storage/registry';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import type { SandboxHandle } from '@/sandbox/server';
import type { CapturedMail } from '@/sandbox/smtp/simulator';
import { appErrorFields } from './helpers/expect-app-error';
import { pdfText } from './helpers/pdf-text';
import { startTestSandbox } from './helpers/sandbox';
import { setupTestEnv, type TestEnv } from './helpers/test-env';
import { tinyPng } from './helpers/tiny-png';

// A reseller's branding end to end: its settings, its files served on its own hosts only, its emails and PDFs, and
// its pages rendered as the app renders them (only the Next request, Host and cookies, is stood in for).

const request = vi.hoisted(() => ({ host: '', staffToken: '', customerToken: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => {
      const value = name === 'ezs_admin_session' ? request.staffToken : name === 'ezs_account_session' ? request.customerToken : '';
      return value ? { name, value } : undefined;
    },
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: RootLayout, generateMetadata } = await import('@/app/layout');
const { default: MarketingHome } = await import('@/app/(marketing)/page');
const { default: PricingPage } = await import('@/app/(marketing)/pricing/page');
const { default: AccountSignIn } = await import('@/app/account/sign-in/page');
const { default: AccountShell } = await import('@/app/account/(shell)/layout');
const { default: AccountOverview } = await import('@/app/account/(shell)/page');
const { default: AdminSignIn } = await import('@/app/admin/sign-in/page');
const { default: AdminShell } = await import('@/app/admin/(shell)/layout');
const { default: AdminDashboard } = await import('@/app/admin/(shell)/page');
const { default: BrandingPage } = await import('@/app/admin/(shell)/settings/branding/page');
const { default: TaxPage } = await import('@/app/admin/(shell)/tax/page');
const { saveBrandingAction, uploadLogoAction } = await import('@/app/admin/(shell)/settings/branding/actions');
const { PermissionDenied } = await import('@/app/admin/(shell)/permission-denied');
const { GET: getAsset } = await import('@/app/api/brand-assets/[file]/route');

let t: TestEnv;
let sandbox: SandboxHandle;
let acme: { sf: Storefront; db: StorefrontDb };
let other: { sf: Storefront; db: StorefrontDb };
const system = { type: 'system' as const, label: 'test' };

const ACME_DETAILS = {
  companyName: 'Acme Cloud',
  primaryColor: '#0F766E',
  accentColor: '#b91c1c',
  supportEmail: 'Help@Acme.example',
  mailFromAddress: 'billing@acme.example',
  footerText: 'Acme Cloud Ltd · 1 Main Street, Dublin',
  termsUrl: 'https://acme.example/terms',
  privacyUrl: 'https://acme.example/privacy',
  imprintUrl: '',
};

/** Server components (async ones included) to HTML, once everything has resolved. */
async function html(el: ReactElement): Promise<string> {
  const stream = await renderToReadableStream(el);
  await stream.allReady;
  return (await new Response(stream).text()).replaceAll('<!-- -->', '');
}

/** A page inside the root layout, the way Next nests it. */
const inRoot = async (page: ReactElement) => html(await RootLayout({ children: page }));

async function signInStaff(db: StorefrontDb, sf: Storefront, role: StaffRole): Promise<void> {
  const s = await createStaffUser(db, { storefrontId: sf.id, input: { email: `${role}-${Math.random().toString(36).slice(2)}@acme.example`, name: `The ${role}`, password: 'Correct-Horse-Battery-9', role }, actor: system });
  await db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
  request.staffToken = (await createSession(db, { principalType: 'staff', principalId: s.id })).token;
}

const asset = (host: string, file: string, headers: Record<string, string> = {}) =>
  getAsset(new Request(`http://${host}/api/brand-assets/${file}`, { headers: { host, ...headers } }), { params: Promise.resolve({ file }) });

const fileOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);

async function inbox(to: string): Promise<CapturedMail[]> {
  return (await (await fetch(`${sandbox.url}/mail/api/messages?to=${encodeURIComponent(to)}`)).json()) as CapturedMail[];
}

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
  const open = (sf: Storefront) => ({ sf, db: openStorefrontDb(sf) });
  // The platform's own storefront, on the same install: its name must not leak onto the reseller's hosts.
  open(await createStorefront({ slug: 'ezscale', name: 'EZSCALE Hosting', domain: 'ezscale.test', kind: 'retail' }));
  acme = open(await createStorefront({ slug: 'acme', name: 'Acme Reseller Account', domain: 'acme.test', kind: 'reseller', tagline: 'Servers for your guild.' }));
  other = open(await createStorefront({ slug: 'other', name: 'Other Hosting', domain: 'other.test', kind: 'reseller' }));
  await updateBrandDetails(acme.db, { storefront: acme.sf, input: ACME_DETAILS, actor: system });
  await updateBrandImage(acme.db, { storefront: acme.sf, kind: 'logo', bytes: tinyPng(), actor: system });
  await updateBrandImage(acme.db, { storefront: acme.sf, kind: 'favicon', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script><rect width="1" height="1"/></svg>'), actor: system });
  await updateBrandImage(other.db, { storefront: other.sf, kind: 'logo', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><rect width="2" height="1" fill="#000"/></svg>'), actor: system });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});
beforeEach(() => {
  request.staffToken = '';
  request.customerToken = '';
});

describe('brand details', () => {
  it('are stored normalised and read back over the storefront row', async () => {
    const brand = await getStorefrontBrand(acme.db, acme.sf);
    expect(brand).toMatchObject({
      name: 'Acme Cloud',
      primaryColor: '#0f766e',
      accentColor: '#b91c1c',
      supportEmail: 'help@acme.example',
      mailFromAddress: 'billing@acme.example',
      footerText: 'Acme Cloud Ltd · 1 Main Street, Dublin',
      legalLinks: [
        { label: 'Terms', url: 'https://acme.example/terms' },
        { label: 'Privacy', url: 'https://acme.example/privacy' },
      ],
    });
    // A storefront that set nothing reads as its own name and colour, the accent following the primary.
    expect(await getStorefrontBrand(other.db, other.sf)).toMatchObject({ name: 'Other Hosting', primaryColor: '#2563eb', accentColor: '#2563eb', supportEmail: null, legalLinks: [] });
  });

  it('refuse bad input field by field and write nothing', async () => {
    const before = await getBrandingSettings(acme.db);
    const bad = { companyName: ' ', primaryColor: 'red', accentColor: 'url(x)', supportEmail: 'nope', mailFromAddress: 'a@', footerText: 'x'.repeat(501), termsUrl: 'javascript:alert(1)', privacyUrl: 'data:text/html,x', imprintUrl: 'ftp://acme.example/' };
    expect(await appErrorFields(updateBrandDetails(acme.db, { storefront: acme.sf, input: bad, actor: system }))).toEqual({
      companyName: ['is required'],
      primaryColor: ['must be a colour like #2563eb'],
      accentColor: ['must be a colour like #2563eb'],
      supportEmail: ['must be an email address'],
      mailFromAddress: ['must be an email address'],
      footerText: ['must be at most 500 characters'],
      termsUrl: ['must be a web address starting with https://'],
      privacyUrl: ['must be a web address starting with https://'],
      imprintUrl: ['must be a web address starting with https://'],
    });
    expect(await getBrandingSettings(acme.db)).toEqual(before);
  });

  it('an untouched form records nothing; a change is audited with only what changed; low contrast is saved with a warning', async () => {
    const since = Number((await other.db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
    const untouched = { companyName: 'Other Hosting', primaryColor: '#2563eb', accentColor: '' };
    expect(await updateBrandDetails(other.db, { storefront: other.sf, input: untouched, actor: system })).toEqual({ changed: [], warnings: [] });
    const res = await updateBrandDetails(other.db, { storefront: other.sf, input: { ...untouched, primaryColor: '#FFFF00', supportEmail: 'help@other.example' }, actor: system });
    expect(res.changed.sort()).toEqual(['primaryColor', 'supportEmail']);
    expect(res.warnings).toEqual([{ field: 'primaryColor', ratio: expect.closeTo(1.07, 2), message: expect.stringContaining('#ffff00 has a contrast of 1.07:1 with white, below the 4.5:1') }]);
    expect((await getStorefrontBrand(other.db, other.sf)).primaryColor).toBe('#ffff00');
    const audits = await other.db.select().from(auditLog).where(and(eq(auditLog.action, 'settings.branding.updated'), gt(auditLog.id, since)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ before: { primaryColor: null, supportEmail: null }, after: { primaryColor: '#ffff00', supportEmail: 'help@other.example' } });
    await updateBrandDetails(other.db, { storefront: other.sf, input: untouched, actor: system });
    expect((await getStorefrontBrand(other.db, other.sf)).primaryColor).toBe('#2563eb');
  });
});

describe('brand assets', () => {
  it('serve a storefront’s logo on its own hosts with its type and immutable caching, 304 when unchanged', async () => {
    const { logo } = await getStorefrontBrand(acme.db, acme.sf);
    const file = fileOf(logo!.key);
    for (const host of ['acme.test', 'account.acme.test', 'admin.acme.test']) {
      const res = await asset(host, file);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBeNull();
      expect(Buffer.from(await res.arrayBuffer())).toEqual(tinyPng());
    }
    const etag = (await asset('acme.test', file)).headers.get('etag')!;
    expect(etag).toBe(`"${file.slice(5, 69)}"`);
    const again = await asset('acme.test', file, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serve an SVG sanitised, as SVG, under a CSP that lets nothing in it run or load', async () => {
    const { favicon } = await getStorefrontBrand(acme.db, acme.sf);
    const res = await asset('acme.test', fileOf(favicon!.key));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await res.text();
    expect(body).toContain('<rect width="1" height="1"/>');
    expect(body).not.toContain('script');
  });

  it('never serve one storefront’s file on another’s host, nor on a host nobody owns, nor anything but a brand asset name', async () => {
    const { logo } = await getStorefrontBrand(other.db, other.sf);
    const file = fileOf(logo!.key);
    expect((await asset('other.test', file)).status).toBe(200);
    for (const host of ['acme.test', 'admin.acme.test', 'ezscale.test']) expect((await asset(host, file)).status).toBe(404);
    expect((await asset('nobody.test', file)).status).toBe(404);
    for (const bad of ['..%2F..%2Fother%2Fbranding%2F' + file, 'logo-x.png', 'logo-' + 'a'.repeat(64) + '.gif', 'favicon-' + 'a'.repeat(64) + '.png']) {
      expect((await asset('acme.test', bad)).status).toBe(404);
    }
  });

  it('refuse a stored file whose bytes no longer match their name', async () => {
    const { logo } = await getStorefrontBrand(acme.db, acme.sf);
    const original = (await getFileStore().get(logo!.key))!;
    await getFileStore().put(logo!.key, Buffer.from('tampered'), { contentType: 'image/png' });
    try {
      expect((await asset('acme.test', fileOf(logo!.key))).status).toBe(404);
    } finally {
      await getFileStore().put(logo!.key, original, { contentType: 'image/png' });
    }
  });
});

describe('emails and PDFs of a reseller', () => {
  it('send from the brand’s name and address with replies to support, the logo on its own host, its colours and footer', async () => {
    const { id } = await queueEmail(acme.db, { to: 'ann@example.com', template: 'test-message', props: {} });
    expect(await sendOutboxEmail(acme.db, acme.sf, id)).toBe('sent');
    const [mail] = await inbox('ann@example.com');
    expect(mail!.from).toBe('"Acme Cloud" <billing@acme.example>');
    expect(mail!.replyTo).toBe('help@acme.example');
    expect(mail!.subject).toBe('Test email from Acme Cloud');
    const { logo } = await getStorefrontBrand(acme.db, acme.sf);
    expect(mail!.html).toContain(`src="http://acme.test:3000${logo!.path}"`);
    expect(mail!.html).toContain('alt="Acme Cloud"');
    expect(mail!.html).toContain('background-color:#0f766e');
    expect(mail!.html).toContain('Acme Cloud Ltd · 1 Main Street, Dublin');
    expect(mail!.html).toContain('href="mailto:help@acme.example"');
    expect(mail!.html).toContain('href="https://acme.example/terms"');
    expect(`${mail!.from} ${mail!.subject} ${mail!.html} ${mail!.text}`).not.toMatch(/ezscale/i);
  });

  it('an SVG logo reaches emails as its PNG copy; without a logo the header is the name', async () => {
    const { id } = await queueEmail(other.db, { to: 'bob@example.com', template: 'test-message', props: {} });
    await sendOutboxEmail(other.db, other.sf, id);
    const [mail] = await inbox('bob@example.com');
    const brand = await getStorefrontBrand(other.db, other.sf);
    expect(brand.logo?.mime).toBe('image/svg+xml');
    expect(mail!.html).toContain(`src="http://other.test:3000${brand.rasterLogo!.path}"`);
    expect(mail!.html).not.toContain('.svg');
    expect(mail!.from).toBe('"Other Hosting" <billing@localhost>');
    expect(mail!.replyTo).toBe('');
  });

  it('print the brand’s name, colour and logo on invoice PDFs', async () => {
    const brand = await getInvoicePdfBrand(acme.db, acme.sf);
    expect(brand).toEqual({ name: 'Acme Cloud', brandColor: '#0f766e', logoUrl: `data:image/png;base64,${tinyPng().toString('base64')}` });
    const pdf = await renderInvoicePdf(sampleDetail(), brand);
    const text = await pdfText(pdf);
    expect(text).toContain('Acme Cloud');
    expect(text).not.toMatch(/ezscale/i);
    expect(pdf.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    expect(pdf.toString('latin1')).not.toMatch(/ezscale/i);
  });

  it('start without the platform’s name as the seller', async () => {
    expect((await getCommerceSettings(acme.db)).sellerName).toBe('');
  });
});

describe('pages on a reseller’s hosts', () => {
  const noPlatformName = (page: string) => expect(page).not.toMatch(/ezscale/i);

  it('marketing: title, favicon, colours, logo, footer and legal links are the reseller’s', async () => {
    request.host = 'acme.test';
    const meta = await generateMetadata();
    expect(meta).toMatchObject({ title: 'Acme Cloud', icons: { icon: [{ url: expect.stringMatching(/^\/api\/brand-assets\/favicon-[0-9a-f]{64}\.svg$/), type: 'image/svg+xml' }] } });
    const { logo } = await getStorefrontBrand(acme.db, acme.sf);
    for (const page of [await inRoot(await MarketingHome()), await inRoot(await PricingPage({ searchParams: Promise.resolve({}) }))]) {
      expect(page).toContain(':root{--brand:#0f766e;--accent:#b91c1c}');
      expect(page).toContain(`src="${logo!.path}"`);
      expect(page).toContain('Acme Cloud Ltd · 1 Main Street, Dublin');
      expect(page).toContain('href="https://acme.example/privacy"');
      expect(page).toContain('© Acme Cloud');
      noPlatformName(page);
    }
    expect(JSON.stringify(meta)).not.toMatch(/ezscale/i);
  });

  it('account area: the sign-in page and the signed-in shell', async () => {
    request.host = 'account.acme.test';
    noPlatformName(await inRoot(await AccountSignIn()));
    expect(await inRoot(await AccountSignIn())).toContain('Acme Cloud · Customer area');
    const c = await createCustomer(acme.db, { input: { email: 'carol@example.com', name: 'Carol', password: 'Correct-Horse-Battery-9', country: 'IE' }, actor: system });
    request.customerToken = (await createSession(acme.db, { principalType: 'customer', principalId: c.id })).token;
    const page = await inRoot(await AccountShell({ children: await AccountOverview() }));
    expect(page).toContain('See everything Acme Cloud offers');
    expect(page).toContain('alt="Acme Cloud"');
    expect(page).toContain('href="mailto:help@acme.example"');
    noPlatformName(page);
  });

  it('admin panel: sign-in, dashboard, branding and tax pages', async () => {
    request.host = 'admin.acme.test';
    noPlatformName(await inRoot(await AdminSignIn()));
    await signInStaff(acme.db, acme.sf, 'owner');
    for (const page of [await AdminDashboard(), await BrandingPage(), await TaxPage()]) {
      const out = await inRoot(await AdminShell({ children: page }));
      expect(out).toContain('alt="Acme Cloud"');
      noPlatformName(out);
    }
    const branding = await html(await BrandingPage());
    expect(branding).toContain('value="Acme Cloud"');
    expect(branding).toContain('Primary button');
  });

  it('the platform’s own storefront keeps its name, EZSCALE', async () => {
    request.host = 'ezscale.test';
    expect(await generateMetadata()).toEqual({ title: 'EZSCALE Hosting' });
    expect(await inRoot(await MarketingHome())).toContain('EZSCALE Hosting');
  });
});

describe('Settings → Branding permissions', () => {
  it('staff without settings.manage get the permission-denied page, and its actions refuse them without writing', async () => {
    request.host = 'admin.acme.test';
    await signInStaff(acme.db, acme.sf, 'support');
    const page = await BrandingPage();
    expect(page.type).toBe(PermissionDenied);
    expect((page.props as { permission: string }).permission).toBe('settings.manage');
    const before = await getBrandingSettings(acme.db);
    const since = Number((await acme.db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
    const saved = await saveBrandingAction(null, form({ ...ACME_DETAILS, companyName: 'Hijacked' }));
    expect(saved).toEqual({ ok: false, message: expect.stringContaining("You don't have permission") });
    const logo = form({});
    logo.set('logo', new File([new Uint8Array(tinyPng())], 'x.png', { type: 'image/png' }));
    expect((await uploadLogoAction(null, logo)).ok).toBe(false);
    expect(await getBrandingSettings(acme.db)).toEqual(before);
    expect(await acme.db.select().from(auditLog).where(gt(auditLog.id, since))).toEqual([]);
  });

  it('an owner saves through the action, hears about low contrast, and uploads a logo by its bytes', async () => {
    request.host = 'admin.acme.test';
    await signInStaff(acme.db, acme.sf, 'owner');
    const res = await saveBrandingAction(null, form({ ...ACME_DETAILS, accentColor: '#fde047' }));
    expect(res).toEqual({ ok: true, message: expect.stringMatching(/^Saved \(1 setting changed\)\. Warning: The accent colour #fde047 has a contrast of 1\.\d\d:1 with white/) });
    expect((await getBrandingSettings(acme.db)).accentColor).toBe('#fde047');
    const upload = form({});
    upload.set('logo', new File(['<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>'], 'logo.png', { type: 'image/png' }));
    expect(await uploadLogoAction(null, upload)).toEqual({ ok: true, message: 'Logo saved. Removed from the SVG: <a>.' });
    expect((await getStorefrontBrand(acme.db, acme.sf)).logo?.mime).toBe('image/svg+xml');
    await saveBrandingAction(null, form(ACME_DETAILS));
    await acme.db.delete(storefrontSettings).where(eq(storefrontSettings.key, 'branding.logo'));
    await updateBrandImage(acme.db, { storefront: acme.sf, kind: 'logo', bytes: tinyPng(), actor: system });
  });
});

