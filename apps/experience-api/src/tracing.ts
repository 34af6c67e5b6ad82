import { startTracing } from '@weft/observability';

// Imported first by main.ts: the SDK must patch http, fastify, pg and ioredis before they load.
startTracing('experience-api');
