import { describe, expect, it } from 'vitest';
import { nextChargeStep } from './next-charge-step';

const failedOn = (day: string) => ({ status: 'failed' as const, createdAt: new Date(`${day}T06:00:00Z`) });
const RETRY = [1, 3, 5, 7];
const DUE = '2027-03-10';

describe('nextChargeStep', () => {
  it('charges on the due date, then on the retry days counted from the due date', () => {
    expect(nextChargeStep([], RETRY, DUE, DUE)).toBe('charge');
    const one = [failedOn('2027-03-10')];
    expect(nextChargeStep(one, RETRY, DUE, '2027-03-10')).toBe('wait');
    expect(nextChargeStep(one, RETRY, DUE, '2027-03-11')).toBe('charge'); // D+1
    const two = [...one, failedOn('2027-03-11')];
    expect(nextChargeStep(two, RETRY, DUE, '2027-03-12')).toBe('wait');
    // D+3, not D+1+3 = D+4: the days are after the due date, not after the last failure.
    expect(nextChargeStep(two, RETRY, DUE, '2027-03-13')).toBe('charge');
    const five = [...two, failedOn('2027-03-13'), failedOn('2027-03-15'), failedOn('2027-03-17')];
    // Due date and four retries (D+1, D+3, D+5, D+7) used: nothing more, ever.
    expect(nextChargeStep(five, RETRY, DUE, '2027-03-18')).toBe('wait');
    expect(nextChargeStep(five, RETRY, DUE, '2027-06-01')).toBe('wait');
  });

  it('after downtime charges once and skips the retry days that passed', () => {
    // First charge at D+4 (the pass before was down): D+1 and D+3 are gone; the next is D+5.
    const late = [failedOn('2027-03-14')];
    expect(nextChargeStep(late, RETRY, DUE, '2027-03-14')).toBe('wait');
    expect(nextChargeStep(late, RETRY, DUE, '2027-03-15')).toBe('charge');
    // A failure at D+1, then the worker is down until D+6: one charge (for D+5), then D+7.
    const gap = [failedOn('2027-03-10'), failedOn('2027-03-11')];
    expect(nextChargeStep(gap, RETRY, DUE, '2027-03-16')).toBe('charge');
    expect(nextChargeStep([...gap, failedOn('2027-03-16')], RETRY, DUE, '2027-03-16')).toBe('wait');
    expect(nextChargeStep([...gap, failedOn('2027-03-16')], RETRY, DUE, '2027-03-17')).toBe('charge');
  });

  it('resumes a pending attempt, waits for the customer, stops after success or with no retries set', () => {
    expect(nextChargeStep([{ status: 'pending', createdAt: new Date() }], RETRY, DUE, DUE)).toBe('resume');
    expect(nextChargeStep([{ status: 'requires_action', createdAt: new Date('2027-03-10T06:00:00Z') }], RETRY, DUE, '2027-03-20')).toBe('wait');
    expect(nextChargeStep([{ status: 'succeeded', createdAt: new Date('2027-03-10T06:00:00Z') }], RETRY, DUE, '2027-03-20')).toBe('wait');
    expect(nextChargeStep([failedOn('2027-03-10')], [], DUE, '2027-03-20')).toBe('wait');
  });
});
