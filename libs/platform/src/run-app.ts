import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigValidationError, WeftConfig } from '@weft/config';
import { listen } from './bootstrap';
import { installShutdown } from './shutdown';

/**
 * main.ts of every app: a configuration error stops the process with the variable named, exit code 78;
 * SIGTERM drains within SHUTDOWN_TIMEOUT_MS and exits.
 */
export async function runApp<C extends WeftConfig>(
  name: string,
  create: () => Promise<{ app: NestFastifyApplication; config: C }>,
  port: (config: C) => number,
): Promise<void> {
  try {
    const { app, config } = await create();
    installShutdown(app, { service: name, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    const url = await listen(app, port(config), config.HOST);
    process.stdout.write(`${JSON.stringify({ service: name, msg: 'listening', url })}\n`);
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${name}: ${e.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`${name}: failed to start: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  }
}
