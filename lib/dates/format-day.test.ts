import { describe, expect, it } from 'vitest';
import { formatDay } from './format-day';

describe('formatDay', () => {
  it('writes a day as the locale does, without shifting it', () => {
    expect(formatDay('2026-03-01', 'de-DE')).toBe('01.03.2026');
    expect(formatDay('2026-03-01', 'en-US')).toBe('Mar 1, 2026');
    expect(formatDay('2026-12-31', 'en-GB')).toBe('31 Dec 2026');
  });
});
