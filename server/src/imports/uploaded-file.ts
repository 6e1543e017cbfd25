/** A file received by the upload interceptor, held in memory (uploads are bounded). */
export interface UploadedImportFile {
  originalName: string;
  size: number;
  buffer: Buffer;
}
