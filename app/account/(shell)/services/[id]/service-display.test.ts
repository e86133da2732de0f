import { describe, expect, it } from 'vitest';
import { applicablePowerActions, formatBytes, formatUsage, powerLabel, setupPhase } from './service-display';

describe('service page display', () => {
  it('shows a failed setup as still being set up, and hardware waits apart', () => {
    expect(setupPhase('failed')).toBe('setting_up');
    expect(setupPhase('queued')).toBe('setting_up');
    expect(setupPhase('building')).toBe('setting_up');
    expect(setupPhase('awaiting_hardware')).toBe('awaiting_hardware');
    expect(setupPhase('active')).toBe('ready');
    expect(setupPhase('none')).toBe('ready');
  });

  it('formats byte counts and limits', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(8 * 1024 ** 3)).toBe('8.0 GB');
    expect(formatBytes(200 * 1024 ** 3)).toBe('200 GB');
    expect(formatUsage(3 * 1024 ** 3, 8 * 1024 ** 3)).toBe('3.0 GB of 8.0 GB');
    expect(formatUsage(1024, undefined)).toBe('1.0 KB');
    expect(formatUsage(undefined, 1024)).toBeNull();
  });

  it('names game server controls start/stop and leaves kill out', () => {
    expect(powerLabel('game_server', 'boot')).toBe('Start');
    expect(powerLabel('game_server', 'shutdown')).toBe('Stop');
    expect(powerLabel('game_server', 'poweroff')).toBeNull();
    expect(powerLabel('vps', 'poweroff')).toBe('Power off');
  });

  it('offers the controls that fit the reported state', () => {
    const all = ['boot', 'shutdown', 'restart', 'poweroff'] as const;
    expect(applicablePowerActions([...all], 'running')).toEqual(['shutdown', 'restart', 'poweroff']);
    expect(applicablePowerActions([...all], 'stopped')).toEqual(['boot']);
    expect(applicablePowerActions([...all], 'unknown')).toEqual([...all]);
  });
});
