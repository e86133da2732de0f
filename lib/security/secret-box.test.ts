import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/config/env';
import { decryptSecret, encryptSecret, needsReencryption } from './secret-box';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function useKeys(current: string | undefined, previous?: string, mode = 'production') {
  process.env.APP_MODE = mode;
  if (current) process.env.APP_KEY = current;
  else delete process.env.APP_KEY;
  if (previous) process.env.APP_KEYS_PREVIOUS = previous;
  else delete process.env.APP_KEYS_PREVIOUS;
  resetEnvCache();
}

describe('secret box', () => {
  it('round-trips and never repeats a ciphertext', () => {
    useKeys(randomBytes(32).toString('base64'));
    const a = encryptSecret('JBSWY3DPEHPK3PXP');
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(encryptSecret('JBSWY3DPEHPK3PXP')).not.toBe(a);
    expect(decryptSecret(a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('decrypts with a previous key after rotation and flags it for re-encryption', () => {
    const oldKey = randomBytes(32).toString('base64');
    useKeys(oldKey);
    const box = encryptSecret('s3cret');
    useKeys(randomBytes(32).toString('base64'), oldKey);
    expect(decryptSecret(box)).toBe('s3cret');
    expect(needsReencryption(box)).toBe(true);
    expect(needsReencryption(encryptSecret('s3cret'))).toBe(false);
  });

  it('rejects tampering and unknown keys', () => {
    useKeys(randomBytes(32).toString('base64'));
    const box = encryptSecret('s3cret');
    const parts = box.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(parts.join('.'))).toThrow();
    useKeys(randomBytes(32).toString('base64'));
    expect(() => decryptSecret(box)).toThrow(/not configured/);
  });

  it('has no built-in key in any mode', () => {
    useKeys(undefined, undefined, 'production');
    expect(() => encryptSecret('x')).toThrow(/APP_KEY is not set/);
    useKeys(undefined, undefined, 'sandbox');
    expect(() => encryptSecret('x')).toThrow(/APP_KEY is not set.*npm run dev/);
  });

  it('names a key of the wrong length', () => {
    useKeys(randomBytes(40).toString('base64'));
    expect(() => encryptSecret('x')).toThrow(/APP_KEY must be 32 bytes/);
    useKeys(randomBytes(32).toString('base64'), randomBytes(31).toString('base64'));
    expect(() => encryptSecret('x')).toThrow(/APP_KEYS_PREVIOUS must be 32 bytes/);
  });
});
