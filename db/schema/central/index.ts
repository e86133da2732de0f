export * from './storefronts';
export * from './platform';
