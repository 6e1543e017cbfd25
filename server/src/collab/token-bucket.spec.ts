import { describe, expect, it } from '@jest/globals';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(1, 0)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
    expect(bucket.take(1, 99)).toBe(false);
    expect(bucket.take(1, 101)).toBe(true);
    expect(bucket.take(1, 10_000)).toBe(true);
    // never more than the burst, however long it waited
    for (let i = 0; i < 4; i++) expect(bucket.take(1, 10_000)).toBe(true);
    expect(bucket.take(1, 10_000)).toBe(false);
  });

  it('charges by cost, e.g. bytes', () => {
    const bucket = new TokenBucket(1000, 1000, 0);
    expect(bucket.take(800, 0)).toBe(true);
    expect(bucket.take(300, 0)).toBe(false);
    expect(bucket.take(300, 100)).toBe(true);
  });
});
