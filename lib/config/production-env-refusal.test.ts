import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { productionEnvRefusal } from './production-env-refusal';

const KEY = randomBytes(32).toString('base64');
const refusal = (vars: Record<string, string>) => productionEnvRefusal(parseEnv(vars));

describe('productionEnvRefusal', () => {
  it('refuses production without APP_KEY, with a bad one, or on http unless it is allowed', () => {
    expect(refusal({})).toMatch(/^APP_KEY is not set.*production mode/);
    expect(refusal({ APP_MODE: 'production', APP_KEY: randomBytes(40).toString('base64') })).toMatch(/APP_KEY must be 32 bytes/);
    expect(refusal({ APP_KEY: KEY, APP_PROTOCOL: 'http' })).toMatch(/APP_PROTOCOL=http.*ALLOW_INSECURE_HTTP=1/);
    expect(refusal({ APP_KEY: KEY, APP_PROTOCOL: 'http', ALLOW_INSECURE_HTTP: '0' })).toMatch(/APP_PROTOCOL=http/);
    expect(refusal({ APP_KEY: KEY, APP_PROTOCOL: 'http', ALLOW_INSECURE_HTTP: '1' })).toBeUndefined();
    expect(refusal({ APP_KEY: KEY })).toBeUndefined();
  });

  it('never refuses sandbox mode', () => {
    expect(refusal({ APP_MODE: 'sandbox' })).toBeUndefined();
    expect(refusal({ APP_MODE: 'sandbox', APP_PROTOCOL: 'http' })).toBeUndefined();
  });
});
