import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { seedId } from './ids.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('seedId', () => {
  it('is stable across calls', () => {
    expect(seedId('area:gladbeck')).toBe(seedId('area:gladbeck'));
  });

  it('has the UUID version 5 format', () => {
    for (const name of ['area:gladbeck', 'indicator:sgb2_rate', '', 'Rosenhügel']) expect(seedId(name)).toMatch(UUID_V5);
  });

  it('differs for different names', () => {
    expect(seedId('area:brauck')).not.toBe(seedId('area:butendorf'));
  });

  it('is derived from sha1 of the prefixed name', () => {
    const hex = createHash('sha1').update('lagebild-seed:area:gladbeck').digest('hex');
    const id = seedId('area:gladbeck').replace(/-/g, '');
    // All bits except the version nibble and the variant bits come straight from the hash.
    expect(id.slice(0, 12)).toBe(hex.slice(0, 12));
    expect(id.slice(13, 16)).toBe(hex.slice(13, 16));
    expect(id.slice(18, 32)).toBe(hex.slice(18, 32));
    expect(parseInt(id[16], 16) & 0x3).toBe(parseInt(hex[16], 16) & 0x3);
  });
});
