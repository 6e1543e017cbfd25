import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, redactUrl } from './app-config.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, seedDemo: true, corsOrigins: [] });
    expect(config.embeddedPg.dataDir).toMatch(/\.data\/postgres$/);
  });

  it('names every invalid setting in one message', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'vielleicht' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });
});

describe('redactUrl', () => {
  it('masks the password', () => {
    expect(redactUrl('postgres://u:geheim@h:5432/d')).toBe('postgres://u:***@h:5432/d');
    expect(redactUrl('kaputt')).toBe('<invalid URL>');
  });
});
