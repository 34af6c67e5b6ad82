import { WeftConfig } from '@weft/config';

/**
 * The settings GatewayModule.forEdge() reads. They are declared and validated by the edge app's config
 * class (ExperienceConfig); the library only names the shape, so it does not depend on an app.
 */
export interface EdgeSettings {
  THROTTLE_READS_LIMIT: number;
  THROTTLE_READS_WINDOW_SECONDS: number;
  THROTTLE_WRITES_LIMIT: number;
  THROTTLE_WRITES_WINDOW_SECONDS: number;
  THROTTLE_WEBHOOKS_LIMIT: number;
  THROTTLE_WEBHOOKS_WINDOW_SECONDS: number;
  THROTTLE_UNAUTHENTICATED_LIMIT: number;
  THROTTLE_UNAUTHENTICATED_WINDOW_SECONDS: number;
  IDEMPOTENCY_TTL_SECONDS: number;
  DEPRECATIONS: string;
}

const NUMERIC: (keyof EdgeSettings)[] = [
  'THROTTLE_READS_LIMIT',
  'THROTTLE_READS_WINDOW_SECONDS',
  'THROTTLE_WRITES_LIMIT',
  'THROTTLE_WRITES_WINDOW_SECONDS',
  'THROTTLE_WEBHOOKS_LIMIT',
  'THROTTLE_WEBHOOKS_WINDOW_SECONDS',
  'THROTTLE_UNAUTHENTICATED_LIMIT',
  'THROTTLE_UNAUTHENTICATED_WINDOW_SECONDS',
  'IDEMPOTENCY_TTL_SECONDS',
];

export type EdgeConfig = WeftConfig & EdgeSettings;

/** Fails at start-up, naming the variables, when forEdge() is given a config class without the edge settings. */
export function edgeConfig(config: WeftConfig): EdgeConfig {
  const record = config as unknown as Record<string, unknown>;
  const missing = NUMERIC.filter((k) => typeof record[k] !== 'number');
  if (typeof record.DEPRECATIONS !== 'string') missing.push('DEPRECATIONS');
  if (missing.length > 0) {
    throw new Error(`GatewayModule.forEdge() needs a config class declaring ${missing.join(', ')} (see ExperienceConfig)`);
  }
  return config as EdgeConfig;
}
