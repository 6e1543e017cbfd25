import { createHash } from 'node:crypto';

const NAMESPACE_PREFIX = 'lagebild-seed:';

/**
 * Stable UUID for a seed row, so re-running the seeds updates rows instead of duplicating them
 * and other seed files can reference a row without looking it up. Name-based like RFC 4122
 * version 5 (SHA-1), with a fixed text prefix in place of a namespace UUID.
 */
export function seedId(name: string): string {
  const bytes = createHash('sha1')
    .update(NAMESPACE_PREFIX + name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
