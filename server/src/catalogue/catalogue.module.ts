import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { CatalogueService } from './catalogue.service.js';
import { StewardshipAccess } from './stewardship-access.js';

@Module({
  controllers: [CatalogueController],
  providers: [CatalogueService, CatalogueRepository, StewardshipAccess],
  // Imports and indices authorize through the same rule.
  exports: [StewardshipAccess],
})
export class CatalogueModule {}
