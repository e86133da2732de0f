import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '@/db/schema/storefront';
import { createCustomer } from '@/lib/customers/create-customer';
import { adminInvoiceFilterQuery, listAdminInvoicePage, parseAdminInvoiceFilter } from '@/lib/invoices/admin-invoice-filter';
import { setupShop, type Shop } from './factories/shop';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
const ids: Record<string, number> = {};

async function customer(key: string, email: string, name: string) {
  ids[key] = (await createCustomer(shop.db, { input: { email, name, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system })).id;
}

const party = { name: 'X', company: null, email: null, addressLines: [], country: 'DE', taxId: null };

/** An invoice row as issued on `issued` (UTC) and due on `due`; the list reads nothing else of it. */
async function invoice(publicId: string, customerKey: string, opts: { currency?: string; issued: string | null; due: string | null; status?: 'draft' | 'unpaid' | 'paid' }) {
  await shop.db.insert(invoices).values({
    publicId,
    customerId: ids[customerKey]!,
    number: opts.issued ? publicId.toUpperCase() : null,
    status: opts.status ?? (opts.issued ? 'unpaid' : 'draft'),
    currency: opts.currency ?? 'EUR',
    taxInclusive: false,
    subtotalMinor: 1_000,
    taxMinor: 0,
    totalMinor: 1_000,
    buyer: party,
    seller: party,
    issuedAt: opts.issued ? new Date(opts.issued) : null,
    dueOn: opts.due,
  });
}

const list = async (params: Record<string, string | string[] | undefined>, pageSize?: number) => {
  const { filter, problems } = parseAdminInvoiceFilter(params);
  const page = await listAdminInvoicePage(shop.db, filter, pageSize);
  return { ...page, ids: page.rows.map((r) => r.publicId), problems, filter };
};

beforeAll(async () => {
  shop = await setupShop();
  await customer('ann', 'ann.alpha@example.com', 'Ann Alpha');
  await customer('bob', 'bob@example.org', 'Robert 100%_Builder');
  await customer('cat', 'cat@example.net', 'Cat Cobalt');
  await invoice('inv_a1', 'ann', { issued: '2026-01-05T08:00:00Z', due: '2026-01-19' });
  await invoice('inv_a2', 'ann', { issued: '2026-02-10T23:59:59Z', due: '2026-02-24', currency: 'USD', status: 'paid' });
  await invoice('inv_b1', 'bob', { issued: '2026-02-11T00:00:00Z', due: '2026-03-01' });
  await invoice('inv_b2', 'bob', { issued: '2026-03-20T12:00:00Z', due: '2026-04-03', currency: 'USD' });
  await invoice('inv_c1', 'cat', { issued: null, due: null });
});
afterAll(async () => {
  await shop.t.cleanup();
});

describe('admin invoice list filters', () => {
  it('lists everything newest first without filters', async () => {
    const res = await list({});
    expect(res.ids).toEqual(['inv_c1', 'inv_b2', 'inv_b1', 'inv_a2', 'inv_a1']);
    expect(res.problems).toEqual([]);
    expect(res.hasNext).toBe(false);
  });

  it('finds customers by a part of their email or name, taking % and _ literally', async () => {
    expect((await list({ customer: 'alpha@' })).ids).toEqual(['inv_a2', 'inv_a1']);
    expect((await list({ customer: 'ann ALPHA' })).ids).toEqual(['inv_a2', 'inv_a1']);
    expect((await list({ customer: ' cobalt ' })).ids).toEqual(['inv_c1']);
    expect((await list({ customer: '100%_B' })).ids).toEqual(['inv_b2', 'inv_b1']);
    expect((await list({ customer: '%' })).ids).toEqual(['inv_b2', 'inv_b1']);
    expect((await list({ customer: 'a_n' })).ids).toEqual([]);
    expect((await list({ customer: 'nobody' })).ids).toEqual([]);
  });

  it('filters by issued days inclusively (UTC), leaving drafts out, and by due days', async () => {
    expect((await list({ issuedFrom: '2026-02-10', issuedTo: '2026-02-10' })).ids).toEqual(['inv_a2']);
    expect((await list({ issuedFrom: '2026-02-11' })).ids).toEqual(['inv_b2', 'inv_b1']);
    expect((await list({ issuedTo: '2026-02-10' })).ids).toEqual(['inv_a2', 'inv_a1']);
    expect((await list({ dueFrom: '2026-02-24', dueTo: '2026-03-01' })).ids).toEqual(['inv_b1', 'inv_a2']);
    expect((await list({ dueTo: '2026-01-19' })).ids).toEqual(['inv_a1']);
  });

  it('filters by currency (any case) and combines filters with the status', async () => {
    expect((await list({ currency: 'usd' })).ids).toEqual(['inv_b2', 'inv_a2']);
    expect((await list({ currency: 'USD', customer: 'bob' })).ids).toEqual(['inv_b2']);
    expect((await list({ currency: 'USD', status: 'paid' })).ids).toEqual(['inv_a2']);
    expect((await list({ status: 'unpaid', issuedFrom: '2026-01-01', issuedTo: '2026-02-28', customer: 'example' })).ids).toEqual(['inv_b1', 'inv_a1']);
  });

  it('ignores bad values with a message each instead of failing', async () => {
    const res = await list({ status: 'bogus', currency: 'EURO', issuedFrom: '2026-02-30', dueTo: 'tomorrow', page: '-1', customer: 'x'.repeat(101) });
    expect(res.ids).toHaveLength(5);
    expect(res.filter).toEqual({ page: 1 });
    expect(res.problems).toHaveLength(6);
    expect(res.problems.join('\n')).toMatch(/Status "bogus" ignored/);
    expect(res.problems.join('\n')).toMatch(/Issued from "2026-02-30" ignored/);

    const reversed = await list({ dueFrom: '2026-03-01', dueTo: '2026-01-01', currency: 'EUR' });
    expect(reversed.problems).toEqual(['Due from is after due to: that range is ignored.']);
    expect(reversed.filter).toEqual({ page: 1, currency: 'EUR' });
    expect(reversed.ids).toEqual(['inv_c1', 'inv_b1', 'inv_a1']);
  });

  it('treats blanks as no filter and a repeated parameter by its first value', async () => {
    const res = await list({ customer: '', issuedFrom: '', currency: ['USD', 'EUR'] });
    expect(res.problems).toEqual([]);
    expect(res.ids).toEqual(['inv_b2', 'inv_a2']);
  });

  it('pages through a filtered list, and the page links keep the filters', async () => {
    const first = await list({ currency: 'EUR' }, 2);
    expect(first).toMatchObject({ ids: ['inv_c1', 'inv_b1'], page: 1, hasNext: true });
    const second = await list({ currency: 'EUR', page: '2' }, 2);
    expect(second).toMatchObject({ ids: ['inv_a1'], page: 2, hasNext: false });
    expect((await list({ currency: 'EUR', page: '9' }, 2)).ids).toEqual([]);

    expect(adminInvoiceFilterQuery(first.filter, { page: 2 })).toBe('?currency=EUR&page=2');
    expect(adminInvoiceFilterQuery(second.filter, { page: 1 })).toBe('?currency=EUR');
    const { filter } = parseAdminInvoiceFilter({ customer: 'a&b=c', status: 'unpaid', dueFrom: '2026-01-01' });
    expect(adminInvoiceFilterQuery(filter, { status: undefined })).toBe('?customer=a%26b%3Dc&dueFrom=2026-01-01');
    expect(parseAdminInvoiceFilter(Object.fromEntries(new URLSearchParams(adminInvoiceFilterQuery(filter, { page: 3 })))).filter).toEqual({ ...filter, page: 3 });
  });
});
