import { describe, expect, it } from 'vitest';
import { brandContrastWarnings, contrastRatio, formatRatio, normalizeHexColor, readableTextOn, relativeLuminance } from './contrast';

describe('WCAG contrast', () => {
  it('gives the extremes and is symmetric', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#2563eb', '#ffffff')).toBe(contrastRatio('#ffffff', '#2563eb'));
  });

  // Worked by hand: #2563eb → sRGB (37, 99, 235)/255 = (0.1451, 0.3882, 0.9216); linearised ((c+0.055)/1.055)^2.4
  // = (0.0185, 0.1248, 0.8308); L = 0.2126·0.0185 + 0.7152·0.1248 + 0.0722·0.8308 = 0.1532; (1 + 0.05)/(0.1532 + 0.05) = 5.17.
  it('matches hand-computed ratios', () => {
    expect(relativeLuminance('#2563eb')).toBeCloseTo(0.1532, 3);
    expect(contrastRatio('#2563eb', '#ffffff')).toBeCloseTo(5.17, 2);
    // #767676 is the well-known lightest grey that passes AA on white: L = ((0.4627+0.055)/1.055)^2.4 = 0.1812 → 4.54.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    // #777777 just fails: L = 0.1845 → 4.48.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // Pure yellow: L = 0.2126 + 0.7152 = 0.9278 → 1.05/0.9778 = 1.07.
    expect(contrastRatio('#ffff00', '#ffffff')).toBeCloseTo(1.07, 2);
    // #16a34a: (22,163,74) → (0.0080, 0.3663, 0.0685); L = 0.0017 + 0.2620 + 0.0049 = 0.2686 → 3.30.
    expect(contrastRatio('#16a34a', '#ffffff')).toBeCloseTo(3.3, 2);
  });

  it('rounds the shown ratio down, so a failing colour never reads as 4.5:1', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(5.1686)).toBe('5.16:1');
    expect(formatRatio(21)).toBe('21.00:1');
  });

  it('warns for each colour below AA against white, and only for those', () => {
    expect(brandContrastWarnings({ primaryColor: '#2563eb', accentColor: '#767676' })).toEqual([]);
    const warnings = brandContrastWarnings({ primaryColor: '#777777', accentColor: '#ffff00' });
    expect(warnings.map((w) => w.field)).toEqual(['primaryColor', 'accentColor']);
    expect(warnings[0]!.message).toContain('4.47:1');
    expect(warnings[1]!.message).toMatch(/accent colour #ffff00 has a contrast of 1\.07:1 with white, below the 4\.5:1/);
  });

  it('picks white text on dark colours and dark text on light ones', () => {
    expect(readableTextOn('#2563eb')).toBe('#ffffff');
    expect(readableTextOn('#ffff00')).toBe('#111827');
  });

  it('normalises #rgb and upper case, and refuses anything else', () => {
    expect(normalizeHexColor('#ABC')).toBe('#aabbcc');
    expect(normalizeHexColor(' #2563EB ')).toBe('#2563eb');
    for (const bad of ['2563eb', '#2563e', 'red', '#2563eb;x', 'url(x)', '']) expect(normalizeHexColor(bad)).toBeNull();
  });
});
