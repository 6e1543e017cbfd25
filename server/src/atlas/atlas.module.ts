import { Module } from '@nestjs/common';
import { AtlasController } from './atlas.controller.js';
import { AtlasRepository } from './atlas.repository.js';
import { AtlasService } from './atlas.service.js';

@Module({
  controllers: [AtlasController],
  providers: [AtlasService, AtlasRepository],
  exports: [AtlasService, AtlasRepository],
})
export class AtlasModule {}
