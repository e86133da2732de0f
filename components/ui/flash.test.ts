import { describe, expect, it } from 'vitest';
import { shouldFlash } from './flash';

describe('shouldFlash', () => {
  const saved = { ok: true, message: 'Saved.' };

  it('flashes a result the form never committed (it unmounted in the same re-render)', () => {
    expect(shouldFlash(saved, null)).toBe(true);
    expect(shouldFlash({ ok: false, message: 'Card declined.' }, { ok: true, message: 'Saved.' })).toBe(true);
  });

  it('does not flash a result the form is showing, or has shown for a while before it went', () => {
    expect(shouldFlash(saved, saved)).toBe(false);
    expect(shouldFlash(saved, saved, 5000)).toBe(false);
  });

  it('flashes a result the form showed only for the moment before the revalidated page replaced it', () => {
    expect(shouldFlash(saved, saved, 30)).toBe(true);
  });

  it('does not flash results that navigate away or say nothing', () => {
    expect(shouldFlash({ ok: true, message: 'Paid.', redirectTo: '/invoices' }, null)).toBe(false);
    expect(shouldFlash({ ok: false, fieldErrors: { name: ['is required'] } }, null)).toBe(false);
    expect(shouldFlash({ ok: true, message: '' }, null)).toBe(false);
    expect(shouldFlash(null, null)).toBe(false);
    expect(shouldFlash(undefined, null)).toBe(false);
  });
});
