import { describe, expect, it } from 'vitest';
import { CHECK_WINDOW_MS, FIRST_CHECK_DELAY_MS, nextCheckAfterMiss, waitAfterCheck } from './check-schedule';

const MIN = 60_000;

describe('domain check schedule', () => {
  it('waits 5, 15 and 30 minutes, then hourly', () => {
    expect([1, 2, 3, 4, 5, 40].map(waitAfterCheck)).toEqual([5 * MIN, 15 * MIN, 30 * MIN, 60 * MIN, 60 * MIN, 60 * MIN]);
  });

  it('checks about 75 times in 72 hours, the last one at the end of the window, then stops', () => {
    const added = new Date('2026-03-01T00:00:00Z');
    const until = new Date(added.getTime() + CHECK_WINDOW_MS);
    let at: Date | null = new Date(added.getTime() + FIRST_CHECK_DELAY_MS);
    const times: Date[] = [];
    for (let checks = 1; at; checks++) {
      times.push(at);
      at = nextCheckAfterMiss(checks, at, until);
    }
    expect(times.at(-1)).toEqual(until);
    expect(times.length).toBeGreaterThan(70);
    expect(times.length).toBeLessThan(80);
    expect(times.slice(0, 4).map((t) => (t.getTime() - added.getTime()) / MIN)).toEqual([1, 6, 21, 51]);
    expect(nextCheckAfterMiss(100, new Date(until.getTime() + 1), until)).toBeNull();
  });
});
