import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';
import { invoiceLines, invoices } from '@/db/schema/storefront';
import { createCustomer } from '@/lib/customers/create-customer';
import { queueEmail } from '@/lib/email/enqueue-email';
import { renderEmail } from '@/lib/email/render-email';
import { sendOutboxEmail } from '@/lib/email/send-outbox-email';
import type { CapturedMail } from '@/sandbox/smtp/simulator';
import type { SandboxHandle } from '@/sandbox/server';
import { updateBrandImage } from '@/lib/settings/admin/update-brand-image';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { startTestSandbox } from './helpers/sandbox';
import { tinyPng } from './helpers/tiny-png';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let sandbox: SandboxHandle;
let sf: Storefront;
let db: StorefrontDb;

async function inbox(to: string): Promise<CapturedMail[]> {
  const res = await fetch(`${sandbox.url}/mail/api/messages?to=${encodeURIComponent(to)}`);
  return (await res.json()) as CapturedMail[];
}

const party = (name: string) => ({ name, company: null, email: null, addressLines: ['1 Main Street'], country: 'DE', taxId: null });
const tax = { ruleId: null, name: 'VAT', country: 'DE', region: '', rateMilliPercent: 19_000, basis: 'standard' as const };

const issuedProps = (publicId: string) => ({
  name: 'Ann',
  invoiceNumber: 'INV-2026-0001',
  invoicePublicId: publicId,
  total: '€11.90',
  dueOn: '2026-03-15',
  invoiceUrl: `http://account.alpha.test/invoices/${publicId}`,
  lines: [{ description: 'VPS Small', amount: '€10.00' }],
});

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
  sf = await createStorefront({ slug: 'alpha', name: 'Alpha Hosting', domain: 'alpha.test', kind: 'retail', brandColor: '#16a34a' });
  db = openStorefrontDb(sf);
  const customer = await createCustomer(db, {
    input: { email: 'ann@example.com', name: 'Ann', password: 'correct horse battery staple', country: 'DE' },
    actor: { type: 'system', label: 'test' },
  });
  const [res] = await db.insert(invoices).values({
    publicId: 'inv_pdftest1',
    customerId: customer.id,
    number: 'INV-2026-0001',
    status: 'unpaid',
    currency: 'EUR',
    taxInclusive: false,
    subtotalMinor: 1_000,
    taxMinor: 190,
    totalMinor: 1_190,
    buyer: party('Ann'),
    seller: party('Alpha Hosting'),
    issuedAt: new Date('2026-03-01T10:00:00Z'),
    dueOn: '2026-03-15',
  });
  await db.insert(invoiceLines).values({
    invoiceId: res.insertId,
    kind: 'plan',
    description: 'VPS Small',
    amountMinor: 1_000,
    taxMinor: 190,
    tax,
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
  });
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});

describe('invoice emails', () => {
  it('attach the invoice PDF to invoice-issued', async () => {
    const { id } = await queueEmail(db, { to: 'ann@example.com', template: 'invoice-issued', props: issuedProps('inv_pdftest1') });
    expect(await sendOutboxEmail(db, sf, id)).toBe('sent');

    const [mail] = await inbox('ann@example.com');
    expect(mail!.subject).toBe('Invoice INV-2026-0001 from Alpha Hosting');
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]).toMatchObject({ filename: 'INV-2026-0001.pdf', contentType: 'application/pdf' });
    expect(mail!.attachments[0]!.size).toBeGreaterThan(1024);
  });

  it('embed the storefront logo in the attached PDF once one is set', async () => {
    const send = async (to: string) => {
      const { id } = await queueEmail(db, { to, template: 'invoice-issued', props: issuedProps('inv_pdftest1') });
      expect(await sendOutboxEmail(db, sf, id)).toBe('sent');
      return (await inbox(to))[0]!.attachments[0]!.size;
    };
    const plain = await send('nologo@example.com');
    await updateBrandImage(db, { storefront: sf, kind: 'logo', bytes: tinyPng(), actor: { type: 'system', label: 'test' } });
    try {
      // The simulator keeps only sizes; the image XObject is what makes this one larger.
      expect(await send('logo@example.com')).toBeGreaterThan(plain + 50);
    } finally {
      await updateBrandImage(db, { storefront: sf, kind: 'logo', bytes: null, actor: { type: 'system', label: 'test' } });
    }
  });

  it('send without an attachment when the invoice no longer exists', async () => {
    const { id } = await queueEmail(db, { to: 'gone@example.com', template: 'invoice-issued', props: issuedProps('inv_gone') });
    expect(await sendOutboxEmail(db, sf, id)).toBe('sent');
    const [mail] = await inbox('gone@example.com');
    expect(mail!.subject).toBe('Invoice INV-2026-0001 from Alpha Hosting');
    expect(mail!.attachments).toEqual([]);
  });

  it('leave service-suspended, which declares no attachment, without one', async () => {
    const { id } = await queueEmail(db, { to: 'ann2@example.com', template: 'service-suspended', props: { name: 'Ann', serviceLabel: 'VPS Small', reason: 'overdue', invoiceNumber: 'INV-2026-0001' } });
    expect(await sendOutboxEmail(db, sf, id)).toBe('sent');
    const [mail] = await inbox('ann2@example.com');
    expect(mail!.subject).toBe('Your Alpha Hosting service VPS Small has been suspended');
    expect(mail!.attachments).toEqual([]);
  });
});

describe('billing email templates', () => {
  const brand = { name: 'Alpha Hosting', brandColor: '#16a34a' };
  const reminder = (stage: string, extra: Record<string, unknown> = {}) =>
    renderEmail({
      template: 'invoice-reminder',
      props: { ...issuedProps('inv_pdftest1'), lines: undefined, total: undefined, balance: '€11.90', stage, ...extra },
      brand,
    });

  it('word each reminder stage in the subject and body', () => {
    expect(reminder('reminder', { daysUntilDue: 3 }).subject).toBe('Reminder: invoice INV-2026-0001 from Alpha Hosting is due in 3 days');
    expect(reminder('reminder').subject).toBe('Reminder: invoice INV-2026-0001 from Alpha Hosting is due on 2026-03-15');
    expect(reminder('due').subject).toBe('Reminder: invoice INV-2026-0001 from Alpha Hosting is due today');
    expect(reminder('overdue_1').subject).toBe('Overdue: invoice INV-2026-0001 from Alpha Hosting is overdue — first notice');
    expect(reminder('overdue_2').subject).toContain('second notice');
    const final = reminder('overdue_3', { suspendOn: '2026-04-01' });
    expect(final.subject).toContain('final notice');
    expect(final.text).toContain('suspended on 2026-04-01');
    expect(reminder('overdue_1').text).not.toMatch(/suspended on/);
  });

  it('validate the new templates', () => {
    expect(() => reminder('late')).toThrow(/stage/);
    expect(() => renderEmail({ template: 'invoice-issued', props: { ...issuedProps('inv_x'), dueOn: '15.03.2026' }, brand })).toThrow(/dueOn/);
    expect(() => renderEmail({ template: 'invoice-issued', props: { ...issuedProps('INV-1') }, brand })).toThrow(/invoicePublicId/);
    const receipt = renderEmail({
      template: 'payment-receipt',
      props: { name: 'Ann', invoiceNumber: 'INV-1', invoicePublicId: 'inv_x', amount: '€5.00', method: 'bank transfer', paidOn: '2026-03-02', invoiceUrl: 'https://account.alpha.test/invoices/inv_x' },
      brand,
    });
    expect(receipt.text).toContain('€5.00 by bank transfer on 2026-03-02');
    expect(() =>
      renderEmail({ template: 'service-suspended', props: { name: 'Ann', serviceLabel: 'VPS', reason: 'abuse', invoiceUrl: 'javascript:alert(1)' }, brand }),
    ).toThrow(/invoiceUrl/);
    const terminated = renderEmail({ template: 'service-terminated', props: { name: 'Ann', serviceLabel: 'VPS Small' }, brand });
    expect(terminated.subject).toBe('Your Alpha Hosting service VPS Small has been terminated');
  });
});
