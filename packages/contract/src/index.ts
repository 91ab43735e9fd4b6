// The API's contract: the TypeBox schema of every route's input and answers, with their static
// types. The API validates with the schemas and documents them (OpenAPI); the web imports only
// the types (`import type`), so no schema code reaches its bundle.
export * from './audit';
export * from './common';
export * from './directions';
export * from './entries';
export * from './errors';
export * from './export';
export * from './import';
export * from './locks';
export * from './notifications';
export * from './reports';
export * from './reviews';
export * from './routes';
export * from './session';
export * from './settings';
export * from './summary';
export * from './system';
export * from './units';
export * from './users';
