import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

describe('server configuration', () => {
  it('listens on loopback by default and reads the rest from the environment', () => {
    expect(loadConfig({ PATH: '/usr/bin' })).toEqual({
      HOST: '127.0.0.1',
      PORT: 8080,
      RATE_LIMIT_PER_MINUTE: 60,
      IP_RATE_LIMIT_PER_MINUTE: 600,
      TRUST_PROXY: false,
      REQUEST_TIMEOUT_MS: 30_000,
      HEADERS_TIMEOUT_MS: 10_000,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://huledu@db/huledu', PORT: '9000', HOST: '0.0.0.0', TRUST_PROXY: 'true' })).toMatchObject({
      TRUST_PROXY: true,
      DATABASE_URL: 'postgresql://huledu@db/huledu',
      PORT: 9000,
      HOST: '0.0.0.0',
    });
  });

  it('refuses values that cannot work, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'åttio' })).toThrow(/PORT/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ IP_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/IP_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '60000' })).toThrow(/HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS/);
  });
});
