/**
 * A token bucket: `ratePerSecond` tokens flow in continuously up to `burst`; a message costs
 * one token (or its size in bytes). Time comes from the caller, so tests need no clock mocks.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number = performance.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  take(cost = 1, now: number = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
