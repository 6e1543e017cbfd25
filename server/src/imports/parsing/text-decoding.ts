import { isUtf8 } from 'node:buffer';
import type { TEXT_ENCODINGS } from '@lagebild/shared';
import { bilingual } from '../import-language.js';
import { FileReadError } from './file-read.error.js';

export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
}

/**
 * Decodes a text file: a byte-order mark decides; otherwise valid UTF-8 is UTF-8 and
 * anything else is read as Windows-1252, the encoding Excel on German Windows saves
 * "CSV (Trennzeichen-getrennt)" in. A forced encoding wins over detection.
 */
export function decodeText(bytes: Uint8Array, forced?: TextEncoding): DecodedText {
  let encoding: TextEncoding;
  let bom = false;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    bom = true;
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    bom = true;
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    bom = true;
    start = 2;
  } else {
    // Validating without decoding: the text is decoded once, below.
    encoding = forced ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  }
  if (forced && !bom) encoding = forced;
  const text = new TextDecoder(encoding).decode(bytes.subarray(start));
  // Text files have no NUL characters; binary files (images, databases) almost always do.
  if (text.includes('\u0000')) {
    throw new FileReadError(
      bilingual(
        'Die Datei ist keine Textdatei. Bitte als CSV (Trennzeichen-getrennt) oder als Excel-Datei (.xlsx) speichern.',
        'The file is not a text file. Please save it as CSV (comma- or semicolon-separated) or as an Excel file (.xlsx).',
      ),
    );
  }
  return { text, encoding, bom };
}
