import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AtlasModule } from './atlas/atlas.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { ClientConfigModule } from './client-config/client-config.module.js';
import { CollabModule } from './collab/collab.module.js';
import { ApiExceptionFilter } from './common/http/exception.filter.js';
import { LoggingModule } from './common/logging/logging.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { IndicesModule } from './indices/indices.module.js';
import { UsersModule } from './users/users.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  logger: Logger;
  /** Already initialised and migrated by the caller, so start-up fails fast and once. */
  dataSource: DataSource;
}

@Module({})
export class AppModule {
  static register({ config, logger, dataSource }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        HealthModule,
        AuthModule,
        WorkspacesModule,
        UsersModule,
        AtlasModule,
        ClientConfigModule,
        CollabModule,
        CatalogueModule,
        ImportsModule,
        IndicesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
