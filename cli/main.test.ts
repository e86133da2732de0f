import { describe, expect, it } from 'vitest';
import { main, parseFlags } from './main';

describe('parseFlags', () => {
  it('reads values, bare flags, = forms and positionals', () => {
    expect(parseFlags(['INV-1', '--amount-minor', '500', '--json', '--at=2026-01-01'])).toEqual({
      _: ['INV-1'],
      amountMinor: '500',
      json: true,
      at: '2026-01-01',
    });
  });
});

describe('main', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
  };

  it('lists commands with --help', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('migrate');
  });

  it('answers an unknown command with one line and a non-zero exit', async () => {
    const c = capture();
    expect(await main(['nope'], c.io)).toBe(2);
    expect(c.err).toEqual(['error: unknown command "nope"; run bin/ezscale --help']);
  });

  it('names the bad flag without a stack trace', async () => {
    const c = capture();
    expect(await main(['user:create-admin', '--password', 'long-enough-pw'], c.io)).toBe(2);
    expect(c.err).toEqual(['error: --email: is required']);
  });
});
