import { createServer } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { listen } from '@weft/platform';
import { testEnv } from './test-env';
import { devToken, serviceToken, ServiceTokenOptions, TokenOptions } from './tokens';

type Factory = (env: NodeJS.ProcessEnv) => Promise<{ app: NestFastifyApplication }>;

export interface StackFactories {
  system?: Factory;
  process?: Factory;
  experience?: Factory;
}

export interface Stack {
  env: Record<string, string>;
  urls: { system: string; process: string; experience: string };
  apps: NestFastifyApplication[];
  /** A channel token from the suite's identity provider: what outside callers present at experience-api. */
  token(options?: TokenOptions): Promise<string>;
  /** A Weft service token for one inner layer, to inspect process-api or system-api directly. */
  serviceToken(options: ServiceTokenOptions): Promise<string>;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the layers bottom-up on free ports, each told where the others listen, and speaks real HTTP
 * to them. Pass only the factories a suite needs; `overrides` may depend on the URLs (e.g. JWKS addresses).
 */
export async function startStack(
  factories: StackFactories,
  overrides: Record<string, string> | ((urls: Stack['urls']) => Record<string, string>) = {},
): Promise<Stack> {
  const [sp, pp, ep] = await Promise.all([freePort(), freePort(), freePort()]);
  const urls = { system: `http://127.0.0.1:${sp}`, process: `http://127.0.0.1:${pp}`, experience: `http://127.0.0.1:${ep}` };
  const env = testEnv({
    SYSTEM_API_PORT: String(sp),
    PROCESS_API_PORT: String(pp),
    EXPERIENCE_API_PORT: String(ep),
    SYSTEM_API_URL: urls.system,
    PROCESS_API_URL: urls.process,
    ...(typeof overrides === 'function' ? overrides(urls) : overrides),
  });
  const apps: NestFastifyApplication[] = [];
  const start = async (f: Factory | undefined, port: number): Promise<void> => {
    if (!f) return;
    const { app } = await f({ ...env });
    apps.push(app);
    await listen(app, port, '127.0.0.1');
  };
  try {
    await start(factories.system, sp);
    await start(factories.process, pp);
    await start(factories.experience, ep);
  } catch (e) {
    for (const app of apps.reverse()) await app.close();
    throw e;
  }
  return {
    env,
    urls,
    apps,
    token: (options) => devToken(env, options),
    serviceToken: (options) => serviceToken(env, options),
    close: async () => {
      for (const app of [...apps].reverse()) await app.close();
    },
  };
}
