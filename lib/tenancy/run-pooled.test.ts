import { describe, expect, it } from 'vitest';
import { runPooled } from './run-pooled';

describe('runPooled', () => {
  it('never runs more than the limit at once and keeps results in item order', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 17 }, (_, i) => i);
    const results = await runPooled(items, 4, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, (n * 7) % 5));
      running--;
      return n * 2;
    });
    expect(peak).toBe(4);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual(items.map((n) => n * 2));
  });

  it('carries on past a failure and reports it in its place', async () => {
    const results = await runPooled([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two');
      return n;
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
  });

  it('refuses a pool of zero', async () => {
    await expect(runPooled([1], 0, async (n) => n)).rejects.toThrow(/positive integer/);
  });
});
