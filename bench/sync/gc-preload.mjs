// Preloaded into both benchmarked servers (`node --expose-gc --import …`): SIGUSR2 runs a full
// garbage collection, so memory figures compare live data, not collector timing.
process.on('SIGUSR2', () => globalThis.gc?.());
