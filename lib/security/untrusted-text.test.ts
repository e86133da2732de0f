import { describe, expect, it } from 'vitest';
import { cleanUntrustedText } from './untrusted-text';

describe('cleanUntrustedText', () => {
  it('removes control, bidi and zero-width characters', () => {
    expect(cleanUntrustedText('a\u001b[31mb\r\nc\u0000d\u202eevil\u200b!', 100)).toBe('a [31mb c d evil !');
  });

  it('keeps at most max characters, marking the cut, without splitting a surrogate pair', () => {
    expect(cleanUntrustedText('x'.repeat(500), 200)).toHaveLength(200);
    expect(cleanUntrustedText('x'.repeat(500), 200).endsWith('…')).toBe(true);
    const cut = cleanUntrustedText('😀'.repeat(10), 5);
    expect(Array.from(cut)).toEqual(['😀', '😀', '😀', '😀', '…']);
    expect(cleanUntrustedText('short', 200)).toBe('short');
  });
});
