import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, toDateString } from './calendar-days';

describe('calendar days', () => {
  it('counts and adds days', () => {
    expect(toDateString(new Date('2026-03-01T23:59:59Z'))).toBe('2026-03-01');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});
