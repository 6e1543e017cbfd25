import type { Bilingual } from '../import-language.js';

/**
 * A file that cannot be read as a table or boundary file. The message is for the steward
 * and says what to do, in both UI languages; it becomes a problem in the report, never a 500.
 */
export class FileReadError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.de);
    this.name = 'FileReadError';
  }
}
