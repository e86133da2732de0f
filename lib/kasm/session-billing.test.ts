import { describe, expect, it } from 'vitest';
import { billedMinutesOf, formatDuration, kasmTransactionId, minutesAsHours } from './session-billing';

const at = (min: number, sec = 0) => new Date(Date.UTC(2026, 2, 1, 10, 0, 0) + min * 60_000 + sec * 1000);

describe('the Kasm billing rule', () => {
  it('rounds each session up to whole 15-minute increments, at least one', () => {
    expect(billedMinutesOf(at(0), at(37))).toBe(45);
    expect(billedMinutesOf(at(0), at(157))).toBe(165);
    expect(billedMinutesOf(at(0), at(15))).toBe(15);
    expect(billedMinutesOf(at(0), at(15, 1))).toBe(30);
    expect(billedMinutesOf(at(0), at(0))).toBe(15);
    expect(billedMinutesOf(at(5), at(0))).toBe(15);
  });

  it('reports minutes as exact decimal hours', () => {
    expect(minutesAsHours(165)).toBe('2.75');
    expect(minutesAsHours(45)).toBe('0.75');
    expect(minutesAsHours(60)).toBe('1');
    expect(minutesAsHours(15)).toBe('0.25');
    expect(minutesAsHours(90)).toBe('1.5');
    expect(() => minutesAsHours(-15)).toThrow(RangeError);
  });

  it('keys the usage event by the Kasm id however Kasm wrote it', () => {
    expect(kasmTransactionId('AB12-cd34')).toBe('kasm:ab12cd34');
  });

  it('formats a running time', () => {
    expect(formatDuration(157 * 60_000 + 59_000)).toBe('2 h 37 min');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
  });
});
