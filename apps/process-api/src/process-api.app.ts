import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@weft/config';
import { createWeftApp } from '@weft/platform';
import { ProcessApiModule } from './process-api.module';
import { ProcessConfig } from './process.config';

export const PROCESS_SERVICE = 'process-api';

export async function createProcessApi(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ app: NestFastifyApplication; config: ProcessConfig }> {
  const config = loadConfig(ProcessConfig, env);
  const app = await createWeftApp(ProcessApiModule.register(config), { service: PROCESS_SERVICE, config });
  return { app, config };
}
