import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('is in production mode unless APP_MODE=sandbox, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'production', 'test']) {
      expect(parseEnv({ NODE_ENV }).APP_MODE).toBe('production');
      expect(parseEnv({ NODE_ENV, APP_MODE: '' }).APP_MODE).toBe('production');
      expect(parseEnv({ NODE_ENV, APP_MODE: 'sandbox' }).APP_MODE).toBe('sandbox');
    }
  });

  it('defaults the protocol by mode and keeps an explicit one', () => {
    expect(parseEnv({}).APP_PROTOCOL).toBe('https');
    expect(parseEnv({ APP_MODE: 'sandbox' }).APP_PROTOCOL).toBe('http');
    expect(parseEnv({ APP_PROTOCOL: 'http' }).APP_PROTOCOL).toBe('http');
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ ALLOW_INSECURE_HTTP: 'yes' })).toThrow(/ALLOW_INSECURE_HTTP/);
  });
});
