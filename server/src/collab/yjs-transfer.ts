/**
 * Moves byte arrays to and from the Yjs worker without structured-clone copies: every
 * Uint8Array in a message is copied once into one ArrayBuffer, which is then transferred (not
 * cloned), and replaced by its offset and length. (Cloning a Uint8Array view would copy its
 * whole underlying buffer, e.g. a pg protocol buffer, once per view.)
 */
export interface PackedMessage {
  shape: unknown;
  buffer: ArrayBuffer;
}

const isBytes = (value: unknown): value is Uint8Array => Object.prototype.toString.call(value) === '[object Uint8Array]';

export function pack(value: unknown): PackedMessage {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const walk = (node: unknown): unknown => {
    if (isBytes(node)) {
      chunks.push(node);
      size += node.length;
      return { $bytes: [size - node.length, node.length] };
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, entry]) => [key, walk(entry)]));
    return node;
  };
  const shape = walk(value);
  const target = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    target.set(chunk, offset);
    offset += chunk.length;
  }
  return { shape, buffer: target.buffer };
}

export function unpack<T>(message: PackedMessage): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      const bytes = (node as { $bytes?: [number, number] }).$bytes;
      if (bytes) return new Uint8Array(message.buffer, bytes[0], bytes[1]);
      return Object.fromEntries(Object.entries(node).map(([key, entry]) => [key, walk(entry)]));
    }
    return node;
  };
  return walk(message.shape) as T;
}
