import { describe, expect, it } from 'vitest';
import { addCycles } from './billing-cycles';

describe('addCycles', () => {
  it('keeps the anchor day through short months', () => {
    expect(addCycles('2026-01-31', 'monthly', 31)).toBe('2026-02-28');
    expect(addCycles('2026-02-28', 'monthly', 31)).toBe('2026-03-31');
    expect(addCycles('2028-01-31', 'monthly', 31)).toBe('2028-02-29');
    expect(addCycles('2026-01-31', 'monthly', 31, 3)).toBe('2026-04-30');
  });
  it('handles longer cycles and year ends', () => {
    expect(addCycles('2026-11-15', 'quarterly', 15)).toBe('2027-02-15');
    expect(addCycles('2026-08-31', 'semiannual', 31)).toBe('2027-02-28');
    expect(addCycles('2028-02-29', 'annual', 29)).toBe('2029-02-28');
    expect(addCycles('2026-05-10', 'triennial', 10)).toBe('2029-05-10');
  });
  it('refuses cycles without a due date', () => {
    expect(() => addCycles('2026-01-01', 'one_time', 1)).toThrow();
  });
});
