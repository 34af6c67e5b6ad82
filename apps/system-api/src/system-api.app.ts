import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@weft/config';
import { createWeftApp } from '@weft/platform';
import { SystemApiModule } from './system-api.module';
import { SystemConfig } from './system.config';

export const SYSTEM_SERVICE = 'system-api';

export async function createSystemApi(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ app: NestFastifyApplication; config: SystemConfig }> {
  const config = loadConfig(SystemConfig, env);
  const app = await createWeftApp(SystemApiModule.register(config), { service: SYSTEM_SERVICE, config });
  return { app, config };
}
