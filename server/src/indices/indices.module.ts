import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { IndicesController } from './indices.controller.js';
import { IndicesRepository } from './indices.repository.js';
import { IndicesService } from './indices.service.js';

@Module({
  imports: [CatalogueModule, ImportsModule],
  controllers: [IndicesController],
  providers: [IndicesService, IndicesRepository],
})
export class IndicesModule {}
