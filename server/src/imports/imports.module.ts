import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { AreaImportService } from './areas/area-import.service.js';
import { AreaStore } from './areas/area-store.js';
import { BoundaryReader } from './areas/boundary-reader.js';
import { ImportHistoryRepository } from './history/import-history.repository.js';
import { ImportHistoryService } from './history/import-history.service.js';
import { ImportsController } from './imports.controller.js';
import { SavedMappingsService } from './mappings/saved-mappings.service.js';
import { TableReader } from './parsing/table-reader.js';
import { ImportMemoryBudget } from './import-memory-budget.js';
import { UploadInterceptor } from './upload.interceptor.js';
import { ValueImportService } from './values/value-import.service.js';
import { ValueStore } from './values/value-store.js';

@Module({
  imports: [CatalogueModule],
  controllers: [ImportsController],
  providers: [
    ValueImportService,
    AreaImportService,
    ImportHistoryService,
    ImportHistoryRepository,
    SavedMappingsService,
    TableReader,
    BoundaryReader,
    ValueStore,
    AreaStore,
    UploadInterceptor,
    ImportMemoryBudget,
  ],
  // The composite index writes its results through the same store, with history and rollback.
  exports: [ValueStore],
})
export class ImportsModule {}
