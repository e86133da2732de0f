import { describe, expect, it } from 'vitest';
import { isCommonPassword, newPasswordSchema } from './password-policy';

describe('password policy', () => {
  it('rejects common passwords, short ones and overlong ones', () => {
    expect(isCommonPassword('password123')).toBe(true);
    expect(isCommonPassword('1234567890')).toBe(true);
    expect(newPasswordSchema.safeParse('qwertyuiop').success).toBe(false);
    expect(newPasswordSchema.safeParse('short').success).toBe(false);
    expect(newPasswordSchema.safeParse('x'.repeat(201)).success).toBe(false);
  });

  it('accepts an uncommon passphrase', () => {
    expect(newPasswordSchema.safeParse('violet-harbour-27-lanterns').success).toBe(true);
  });
});
