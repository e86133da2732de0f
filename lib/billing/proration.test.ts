import { describe, expect, it } from 'vitest';
import { prorate } from './proration';

describe('prorate', () => {
  it('charges the remaining days of a 31-day month: 600 → 1200 on 16 January is 600 × 16 / 31 = 309.68 → 310', () => {
    expect(prorate({ fromMinor: 600, toMinor: 1200, periodStart: '2026-01-01', periodEnd: '2026-02-01', today: '2026-01-16' })).toEqual({
      remainingDays: 16,
      totalDays: 31,
      differenceMinor: 310,
    });
  });

  it('counts February as 28 days: 1000 → 2000 on 15 February is 1000 × 14 / 28 = 500', () => {
    expect(prorate({ fromMinor: 1000, toMinor: 2000, periodStart: '2026-02-01', periodEnd: '2026-03-01', today: '2026-02-15' })).toEqual({
      remainingDays: 14,
      totalDays: 28,
      differenceMinor: 500,
    });
  });

  it('counts a leap February as 29 days', () => {
    expect(prorate({ fromMinor: 0, toMinor: 2900, periodStart: '2028-02-01', periodEnd: '2028-03-01', today: '2028-02-28' })).toEqual({
      remainingDays: 2,
      totalDays: 29,
      differenceMinor: 200,
    });
  });

  it('prorates an annual period over its 365 days: 6120 → 12240 with 100 days left is 6120 × 100 / 365 = 1676.71 → 1677', () => {
    expect(prorate({ fromMinor: 6120, toMinor: 12240, periodStart: '2026-03-15', periodEnd: '2027-03-15', today: '2026-12-05' })).toEqual({
      remainingDays: 100,
      totalDays: 365,
      differenceMinor: 1677,
    });
  });

  it('charges the full difference on the first day of the period', () => {
    expect(prorate({ fromMinor: 600, toMinor: 1200, periodStart: '2026-01-01', periodEnd: '2026-02-01', today: '2026-01-01' }).differenceMinor).toBe(600);
  });

  it('charges 1/total on the last day: 600 / 31 = 19.35 → 19', () => {
    expect(prorate({ fromMinor: 600, toMinor: 1200, periodStart: '2026-01-01', periodEnd: '2026-02-01', today: '2026-01-31' })).toEqual({
      remainingDays: 1,
      totalDays: 31,
      differenceMinor: 19,
    });
  });

  it('gives a downgrade the negated amount, halves rounded away from zero both ways', () => {
    // 31 × 15 / 30 = 15.5 → ±16
    const up = prorate({ fromMinor: 100, toMinor: 131, periodStart: '2026-04-01', periodEnd: '2026-05-01', today: '2026-04-16' });
    const down = prorate({ fromMinor: 131, toMinor: 100, periodStart: '2026-04-01', periodEnd: '2026-05-01', today: '2026-04-16' });
    expect(up.differenceMinor).toBe(16);
    expect(down.differenceMinor).toBe(-16);
  });

  it('is zero when the price does not change', () => {
    expect(prorate({ fromMinor: 500, toMinor: 500, periodStart: '2026-01-01', periodEnd: '2026-02-01', today: '2026-01-10' }).differenceMinor).toBe(0);
  });

  it('refuses a day outside the period', () => {
    expect(() => prorate({ fromMinor: 1, toMinor: 2, periodStart: '2026-01-01', periodEnd: '2026-02-01', today: '2026-02-01' })).toThrow(RangeError);
    expect(() => prorate({ fromMinor: 1, toMinor: 2, periodStart: '2026-01-01', periodEnd: '2026-02-01', today: '2025-12-31' })).toThrow(RangeError);
  });
});
