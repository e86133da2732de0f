export * from './storefronts';
export * from './platform';
export * from './domains';
