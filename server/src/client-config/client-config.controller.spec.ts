import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { ClientConfigController } from './client-config.controller.js';

describe('ClientConfigController', () => {
  it('has no basemap unless one is configured', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(new ClientConfigController(config).get()).toEqual({ basemapStyleUrl: null });
  });

  it('passes the configured basemap style on to the browser', () => {
    const config = loadConfig({ NODE_ENV: 'test', BASEMAP_STYLE_URL: 'https://tiles.example/style.json' });
    expect(new ClientConfigController(config).get()).toEqual({ basemapStyleUrl: 'https://tiles.example/style.json' });
  });
});
