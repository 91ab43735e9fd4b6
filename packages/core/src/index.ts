export * from './achievement';
export * from './money';
export * from './period';
export * from './rollup';
export type * from './types';
