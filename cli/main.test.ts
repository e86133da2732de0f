import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/config/env';
import { main, parseFlags } from './main';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});
function useEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

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

  it('refuses seed --demo in production mode with one line and exit 2, before touching the database', async () => {
    useEnv({ APP_MODE: 'production', APP_KEY: Buffer.alloc(32, 7).toString('base64'), DATABASE_URL: 'mysql://nobody@192.0.2.1:1/none' });
    const c = capture();
    expect(await main(['seed', '--demo'], c.io)).toBe(2);
    expect(c.err).toEqual([expect.stringMatching(/^error: seed --demo .*refusing in production mode/)]);
  });

  it('refuses any command in production mode without APP_KEY, before touching the database', async () => {
    useEnv({ APP_MODE: undefined, APP_KEY: undefined, DATABASE_URL: 'mysql://nobody@192.0.2.1:1/none' });
    const c = capture();
    expect(await main(['storefront:list'], c.io)).toBe(1);
    expect(c.err).toEqual([expect.stringMatching(/^error: APP_KEY is not set.*production mode/)]);
  });
});
