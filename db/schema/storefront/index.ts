export * from './settings';
export * from './people';
export * from './catalog';
export * from './messaging';
export * from './audit';
export * from './security';
export * from './staff-access';
