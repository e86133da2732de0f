import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCode } from './recovery-codes';
import { recoveryCodeSchema, secondFactorSchema, totpCodeSchema } from './schemas';

describe('second-factor code formats', () => {
  it('takes six digits, with the spaces apps show', () => {
    expect(totpCodeSchema.parse('123 456')).toBe('123456');
    for (const bad of ['12345', '1234567', 'abcdef', '', null]) expect(totpCodeSchema.safeParse(bad).success).toBe(false);
  });

  it('takes recovery codes in any case and tells the two kinds apart', () => {
    expect(recoveryCodeSchema.parse(' ABCDE-23456 ')).toBe('abcde-23456');
    expect(secondFactorSchema.parse('654321')).toEqual({ kind: 'totp', code: '654321' });
    expect(secondFactorSchema.parse('abcde-23456')).toEqual({ kind: 'recovery', code: 'abcde-23456' });
    // 0, 1, l, i and o are not in the alphabet.
    expect(secondFactorSchema.safeParse('abcde-01234').success).toBe(false);
  });

  it('generates recovery codes the schema accepts, and hashes them', () => {
    for (let i = 0; i < 50; i++) expect(recoveryCodeSchema.safeParse(newRecoveryCode()).success).toBe(true);
    expect(hashRecoveryCode('abcde-23456')).toMatch(/^[0-9a-f]{64}$/);
  });
});
