/**
 * A file that cannot be read as a table or boundary file. The message is for the steward
 * and says what to do; it becomes a problem in the report, never a 500.
 */
export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileReadError';
  }
}
