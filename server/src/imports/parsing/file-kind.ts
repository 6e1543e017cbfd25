/** What the first bytes say a file is, whatever its name claims. */
export type FileKind = 'zip' | 'ole' | 'pdf' | 'text';

export function sniffFileKind(bytes: Uint8Array): FileKind {
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  ) {
    return 'zip';
  }
  // Compound File Binary: old Excel (.xls) and Word documents.
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  if (bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  return 'text';
}
