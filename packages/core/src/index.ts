export * from './access';
export * from './achievement';
export * from './format';
export * from './import-rows';
export * from './money';
export * from './parse-amount';
export * from './period';
export * from './rollup';
export type * from './types';
