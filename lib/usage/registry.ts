import type { MeterCode, UsageMeter } from './meter';

/**
 * Every meter a plan can bill. A plan meter's code must be one of these keys; an event naming any other is refused.
 * To add one: its entry here (and the code in MeterCode). Reporting it is the reporter's business: the engine only
 * takes events.
 */
export const USAGE_METERS: Record<MeterCode, UsageMeter> = {
  kasm_hours: { code: 'kasm_hours', label: 'Desktop time', unit: { one: 'hour', many: 'hours' }, aggregations: ['sum'], wholeUnits: false },
  bandwidth_gb: { code: 'bandwidth_gb', label: 'Data transfer', unit: { one: 'GB', many: 'GB' }, aggregations: ['sum', 'max'], wholeUnits: false },
  bandwidth_mbps: { code: 'bandwidth_mbps', label: 'Bandwidth (95th percentile)', unit: { one: 'Mbps', many: 'Mbps' }, aggregations: ['p95', 'max'], wholeUnits: false },
  api_calls: { code: 'api_calls', label: 'API requests', unit: { one: 'request', many: 'requests' }, aggregations: ['sum'], wholeUnits: true },
  active_users: { code: 'active_users', label: 'Active users', unit: { one: 'user', many: 'users' }, aggregations: ['unique_count'], wholeUnits: true },
};

export const METER_CODES = Object.keys(USAGE_METERS) as MeterCode[];

export function meterFor(code: string | null | undefined): UsageMeter | null {
  return code && code in USAGE_METERS ? USAGE_METERS[code as MeterCode] : null;
}
