/**
 * Rows in PostgreSQL's binary COPY format, written into one preallocated buffer.
 *
 * The text format would make Node print every number and uuid and PostgreSQL parse them
 * again; in binary a double is its 8 bytes and a uuid its 16, so an import of 100,000
 * values neither builds megabytes of strings nor spends time in float parsing.
 * Callers size the buffer exactly with the static `*Size` helpers.
 */
export class BinaryCopyWriter {
  private static readonly SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
  /** Signature, flags and header extension length. */
  static readonly HEADER_SIZE = BinaryCopyWriter.SIGNATURE.length + 8;
  static readonly TRAILER_SIZE = 2;
  static readonly ROW_SIZE = 2;
  static readonly UUID_SIZE = 4 + 16;
  static readonly FLOAT8_SIZE = 4 + 8;
  static readonly BOOL_SIZE = 4 + 1;
  static readonly NULL_SIZE = 4;

  static textSize(bytes: number): number {
    return 4 + bytes;
  }

  private readonly buffer: Buffer;
  private offset = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
    this.offset = BinaryCopyWriter.SIGNATURE.copy(this.buffer, 0);
    this.offset = this.buffer.writeInt32BE(0, this.offset); // flags: no OIDs
    this.offset = this.buffer.writeInt32BE(0, this.offset); // no header extension
  }

  /** Starts a row of `fields` columns, in the order of the COPY column list. */
  row(fields: number): void {
    this.offset = this.buffer.writeInt16BE(fields, this.offset);
  }

  /** A uuid as its 16 bytes (see `uuidBytes`). */
  uuid(bytes: Uint8Array): void {
    this.offset = this.buffer.writeInt32BE(16, this.offset);
    this.buffer.set(bytes, this.offset);
    this.offset += 16;
  }

  /** Text already encoded as UTF-8. */
  text(bytes: Uint8Array): void {
    this.offset = this.buffer.writeInt32BE(bytes.length, this.offset);
    this.buffer.set(bytes, this.offset);
    this.offset += bytes.length;
  }

  float8(value: number | null): void {
    if (value === null) return this.null();
    this.offset = this.buffer.writeInt32BE(8, this.offset);
    this.offset = this.buffer.writeDoubleBE(value, this.offset);
  }

  bool(value: boolean): void {
    this.offset = this.buffer.writeInt32BE(1, this.offset);
    this.buffer[this.offset++] = value ? 1 : 0;
  }

  null(): void {
    this.offset = this.buffer.writeInt32BE(-1, this.offset);
  }

  /** The finished data; throws when the size given to the constructor was wrong. */
  finish(): Buffer {
    this.offset = this.buffer.writeInt16BE(-1, this.offset);
    if (this.offset !== this.buffer.length) throw new Error(`binary COPY data is ${this.offset} bytes, ${this.buffer.length} were reserved`);
    return this.buffer;
  }
}

/** The 16 bytes of a uuid in its text form (as PostgreSQL returns it). */
export function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(hex, 'hex');
}
