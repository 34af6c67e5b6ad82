import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@weft/config';
import { createWeftApp } from '@weft/platform';
import { ExperienceApiModule } from './experience-api.module';
import { ExperienceConfig } from './experience.config';
import { registerOpsUi } from './ops-ui/ops-ui.routes';
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
    configureFastify: (a) => registerOpsUi(a.getHttpAdapter().getInstance(), config.OPS_UI_DIR),
  });
  return { app, config };
}
