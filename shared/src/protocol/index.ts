export * from './bytes.js';
export * from './canvas.js';
export * from './docs.js';
export * from './events.js';
export * from './presence.js';
export * from './versions.js';
export * from './refusals.js';
