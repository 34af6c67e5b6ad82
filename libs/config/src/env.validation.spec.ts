import { ConfigValidationError, loadConfig } from './env.validation';
import { WeftConfig } from './weft.config';

describe('configuration is validated at start-up', () => {
  it('fails naming every wrong variable', () => {
    let error: unknown;
    try {
      loadConfig(WeftConfig, { DATABASE_URL: 'mysql://x', EXPERIENCE_API_PORT: '70000', REDIS_URL: 'http://nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).variables.sort()).toEqual(['DATABASE_URL', 'EXPERIENCE_API_PORT', 'REDIS_URL']);
    expect((error as Error).message).toMatch(/DATABASE_URL must be a postgres/);
  });

  it('applies defaults and converts types', () => {
    const c = loadConfig(WeftConfig, { PROCESS_API_PORT: '4001' });
    expect(c.PROCESS_API_PORT).toBe(4001);
    expect(c.EXPERIENCE_API_PORT).toBe(3000);
    expect(c.embedded).toBe(true);
    expect(c.processApiUrl).toBe('http://127.0.0.1:4001');
  });

  it('takes WEFT_ROLE=serve only with a shared database, and reads go to PROCESS_API_READ_URL when set', () => {
    expect(loadConfig(WeftConfig, {}).runsBackgroundWork).toBe(true);
    expect(() => loadConfig(WeftConfig, { WEFT_ROLE: 'serve' })).toThrow(/WEFT_ROLE .*needs DATABASE_URL/);
    expect(() => loadConfig(WeftConfig, { WEFT_ROLE: 'reader', DATABASE_URL: 'postgres://db/x' })).toThrow(ConfigValidationError);
    const serve = loadConfig(WeftConfig, { WEFT_ROLE: 'serve', DATABASE_URL: 'postgres://db/x' });
    expect(serve.runsBackgroundWork).toBe(false);
    const c = loadConfig(WeftConfig, { PROCESS_API_URL: 'http://p:1', PROCESS_API_READ_URL: 'http://r:2' });
    expect([c.processApiUrl, c.processApiReadUrl]).toEqual(['http://p:1', 'http://r:2']);
    expect(loadConfig(WeftConfig, { PROCESS_API_URL: 'http://p:1' }).processApiReadUrl).toBe('http://p:1');
  });
});
