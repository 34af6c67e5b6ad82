/**
 * The app's ioredis connection (null when REDIS_URL is unset), provided by InfraModule in @weft/platform.
 * A registered symbol, so the gateway can inject it without importing @weft/platform, which imports the gateway.
 */
export const REDIS_CONNECTION: unique symbol = Symbol.for('weft:redis');
