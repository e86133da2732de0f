import { describe, expect, it } from 'vitest';
import { p95Dropped } from './aggregations/p95';
import { bucketOf, bucketsIn, lastDayOf, usagePeriodOf } from './usage-period';

const at = (iso: string) => new Date(iso);

describe('usage periods', () => {
  it('run monthly from the anchor day, as renewals do', () => {
    expect(usagePeriodOf(at('2026-03-12T10:00:00Z'), 10)).toEqual({ start: '2026-03-10', end: '2026-04-10' });
    expect(usagePeriodOf(at('2026-03-09T23:59:59Z'), 10)).toEqual({ start: '2026-02-10', end: '2026-03-10' });
    expect(usagePeriodOf(at('2026-03-10T00:00:00Z'), 10)).toEqual({ start: '2026-03-10', end: '2026-04-10' });
    expect(usagePeriodOf(at('2026-01-05T00:00:00Z'), 10)).toEqual({ start: '2025-12-10', end: '2026-01-10' });
  });

  it('keep a late anchor through short months', () => {
    expect(usagePeriodOf(at('2026-02-15T00:00:00Z'), 31)).toEqual({ start: '2026-01-31', end: '2026-02-28' });
    expect(usagePeriodOf(at('2026-03-05T00:00:00Z'), 31)).toEqual({ start: '2026-02-28', end: '2026-03-31' });
    expect(usagePeriodOf(at('2026-03-31T08:00:00Z'), 31)).toEqual({ start: '2026-03-31', end: '2026-04-30' });
    expect(lastDayOf({ start: '2026-02-28', end: '2026-03-31' })).toBe('2026-03-30');
  });

  it('count 5-minute buckets and the samples p95 drops', () => {
    expect(bucketsIn({ start: '2026-04-01', end: '2026-05-01' })).toBe(8640);
    expect(p95Dropped(8640)).toBe(432);
    expect(p95Dropped(bucketsIn({ start: '2026-02-01', end: '2026-03-01' }))).toBe(403);
    expect(bucketOf(at('2026-04-01T00:07:59.999Z')).toISOString()).toBe('2026-04-01T00:05:00.000Z');
  });
});
