export * from './socket.js';
export * from './provider.js';
export * from './canvas.js';
