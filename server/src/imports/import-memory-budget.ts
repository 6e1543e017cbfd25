import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ImportError } from './imports.error.js';
import { readZipDirectory, unpackedSize } from './parsing/zip-directory.js';

/**
 * Heap an import holds at its peak per byte of its (unpacked) file. Measured with V8's GC trace
 * on the parsers: a 14 MB CSV of 600,000 values peaked at 180 MB (13×), a 19 MB unpacked Excel
 * sheet at 274 MB (14×), a 25 MB GeoJSON with reprojection at 307 MB (12×); a whole import of a
 * 21 MB CSV ran in a 320 MB heap and not in 256 MB. Rounded up, so the estimate errs on the safe side.
 */
export const HEAP_BYTES_PER_FILE_BYTE = 16;

/** What reading a file will take: Excel workbooks and zipped Shapefiles count unpacked. */
export function estimatedImportBytes(file: Uint8Array): number {
  const entries = readZipDirectory(file);
  const size = entries ? Math.max(file.length, unpackedSize(entries)) : file.length;
  return size * HEAP_BYTES_PER_FILE_BYTE;
}

/**
 * Keeps imports from running the server out of memory, which would end every live session
 * with it. Each import reserves its estimated need before it reads the file; a file larger
 * than the whole budget is refused (413), and one that does not fit beside the imports
 * already running waits for none of them but is told to try again (503). Nothing is written
 * in either case.
 */
@Injectable()
export class ImportMemoryBudget {
  private reserved = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get budgetBytes(): number {
    return this.config.importMemoryBytes;
  }

  async withReservation<T>(file: Uint8Array, work: () => Promise<T>): Promise<T> {
    const need = estimatedImportBytes(file);
    if (need > this.budgetBytes) throw ImportError.tooLargeForServer(need, this.budgetBytes);
    if (this.reserved + need > this.budgetBytes) throw ImportError.busy();
    this.reserved += need;
    try {
      return await work();
    } finally {
      this.reserved -= need;
    }
  }
}
