import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClientConfig } from '@lagebild/shared';
import { Public } from '../common/auth/actor.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/**
 * Installation settings the browser needs before it draws the first map. Public: the
 * anonymous atlas and embedded maps need them too, and nothing here is secret.
 */
@ApiTags('config')
@Public()
@Controller('config')
export class ClientConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  get(): ClientConfig {
    return { basemapStyleUrl: this.config.basemapStyleUrl ?? null };
  }
}
