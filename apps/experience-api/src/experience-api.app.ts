import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@weft/config';
import { createWeftApp } from '@weft/platform';
import { ExperienceApiModule } from './experience-api.module';
import { ExperienceConfig } from './experience.config';
import { RAW_BODY_PATHS } from './webhooks/raw-body-paths';

export const EXPERIENCE_SERVICE = 'experience-api';

export async function createExperienceApi(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ app: NestFastifyApplication; config: ExperienceConfig }> {
  const config = loadConfig(ExperienceConfig, env);
  const app = await createWeftApp(ExperienceApiModule.register(config), {
    service: EXPERIENCE_SERVICE,
    config,
    trustProxy: config.trustProxy,
    rawBodyPaths: RAW_BODY_PATHS,
  });
  return { app, config };
}
