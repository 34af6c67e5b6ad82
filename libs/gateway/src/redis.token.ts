import type Redis from 'ioredis';

/**
 * The app's ioredis connection (null when REDIS_URL is unset), provided by InfraModule in @weft/platform.
 * A registered symbol, so the gateway can inject it without importing @weft/platform, which imports the gateway.
 */
export const REDIS_CONNECTION: unique symbol = Symbol.for('weft:redis');

/**
 * Whether a command can be sent now. While ioredis reconnects it would queue commands and fail them
 * only after its retries; the degraded paths (local throttling, 503 for idempotency) decide at once instead.
 */
export function redisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}
