export * from './schemas/locale.js';
export * from './schemas/errors.js';
export * from './schemas/auth.js';
export * from './schemas/users.js';
export * from './schemas/workspaces.js';
export * from './schemas/atlas.js';
export * from './domain/aggregation.js';
export * from './domain/suppression.js';
