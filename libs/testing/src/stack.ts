import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/**
 * Ports below the kernel's ephemeral range: a port the kernel hands out for outbound connections can be
 * taken between choosing it and listening on it (seen as EADDRINUSE under load), one below the range cannot.
 */
function listenRange(): [number, number] {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (low > 12_000) return [10_000, low];
  } catch {
    // not Linux: fall back to a range that is outside the common defaults
  }
  return [20_000, 32_000];
}

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

const taken = new Set<number>();

/**
 * The Fetch standard's blocked ports above 1023 (https://fetch.spec.whatwg.org/#port-blocking): undici's
 * fetch() refuses them with "bad port", so a layer listening on 10080 could not be called. Seen once in
 * CI when the random pick landed on it.
 */
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** A port that is free now and that this process has not handed out before. */
export async function freePort(): Promise<number> {
  const [low, high] = listenRange();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + randomInt(high - low);
    if (taken.has(port) || FETCH_BLOCKED_PORTS.has(port)) continue;
    if (await tryListen(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${low}-${high}`);
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
