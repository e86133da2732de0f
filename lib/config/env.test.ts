import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to sandbox mode outside production builds', () => {
    expect(parseEnv({ NODE_ENV: 'development' }).APP_MODE).toBe('sandbox');
    expect(parseEnv({ NODE_ENV: 'production' }).APP_MODE).toBe('production');
    expect(parseEnv({ NODE_ENV: 'production', APP_MODE: 'sandbox' }).APP_MODE).toBe('sandbox');
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});
