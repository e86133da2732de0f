export * from './storefronts';
export * from './platform';
export * from './resellers';
export * from './domains';
