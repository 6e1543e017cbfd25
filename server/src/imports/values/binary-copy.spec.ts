import { describe, expect, it } from '@jest/globals';
import { BinaryCopyWriter, uuidBytes } from './binary-copy.js';

describe('BinaryCopyWriter', () => {
  it('writes the header, typed fields and the trailer of the binary COPY format', () => {
    const id = uuidBytes('0c966b18-ef7e-5748-9dfc-bc11fca06d0b');
    const period = Buffer.from('2024-Q3');
    const size =
      BinaryCopyWriter.HEADER_SIZE +
      BinaryCopyWriter.ROW_SIZE +
      BinaryCopyWriter.UUID_SIZE +
      BinaryCopyWriter.textSize(period.length) +
      BinaryCopyWriter.FLOAT8_SIZE +
      BinaryCopyWriter.NULL_SIZE +
      BinaryCopyWriter.BOOL_SIZE +
      BinaryCopyWriter.TRAILER_SIZE;
    const out = new BinaryCopyWriter(size);
    out.row(5);
    out.uuid(id);
    out.text(period);
    out.float8(12.5);
    out.float8(null);
    out.bool(true);
    const data = out.finish();

    expect(data.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    let at = BinaryCopyWriter.HEADER_SIZE;
    expect(data.readInt16BE(at)).toBe(5);
    expect(data.readInt32BE((at += 2))).toBe(16);
    expect(data.subarray((at += 4), (at += 16)).toString('hex')).toBe('0c966b18ef7e57489dfcbc11fca06d0b');
    expect(data.readInt32BE(at)).toBe(7);
    expect(data.subarray((at += 4), (at += 7)).toString()).toBe('2024-Q3');
    expect(data.readInt32BE(at)).toBe(8);
    expect(data.readDoubleBE((at += 4))).toBe(12.5);
    expect(data.readInt32BE((at += 8))).toBe(-1);
    expect(data.readInt32BE((at += 4))).toBe(1);
    expect(data[(at += 4)]).toBe(1);
    expect(data.readInt16BE((at += 1))).toBe(-1);
    expect(at + 2).toBe(data.length);
  });

  it('refuses to hand out data whose size was reserved wrongly', () => {
    const out = new BinaryCopyWriter(BinaryCopyWriter.HEADER_SIZE + BinaryCopyWriter.TRAILER_SIZE + 10);
    expect(() => out.finish()).toThrow(/reserved/);
  });

  it('reads uuids only in their text form', () => {
    expect(() => uuidBytes('not-a-uuid')).toThrow();
  });
});
