import 'reflect-metadata';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ProductionRefusal, serviceKeyRefusals } from './production-safety';

const URL_OPTS = { require_tld: false, require_protocol: true };

export type WeftRole = 'all' | 'serve';

/** `serve` shares its database with a replica that does the background work; the embedded SQLite file is one process's. */
@ValidatorConstraint({ name: 'weftRole' })
class WeftRoleConstraint implements ValidatorConstraintInterface {
  validate(role: unknown, args: ValidationArguments): boolean {
    return role === 'all' || (role === 'serve' && Boolean((args.object as { DATABASE_URL?: string }).DATABASE_URL));
  }
  defaultMessage(): string {
    return 'WEFT_ROLE must be all or serve, and serve (a replica that only answers HTTP) needs DATABASE_URL: the replica doing the background work must see what it writes';
  }
}

/** Variables shared by the three apps. Each app's own config class extends this one. */
export class WeftConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** PostgreSQL; when absent the app runs on an embedded SQLite file under WEFT_DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Schema prefix on PostgreSQL, so several deployments (or test runs) can share one database. */
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'DATABASE_SCHEMA_PREFIX must be lower-case letters, digits, _' })
  DATABASE_SCHEMA_PREFIX = 'weft';

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^(nats|tls):\/\/[^,]+(,(nats|tls):\/\/[^,]+)*$/, { message: 'NATS_URL must be nats://host:port' })
  NATS_URL?: string;

  /** Prefix of every Redis key, so deployments or test runs sharing one Redis stay apart. */
  @Matches(/^[A-Za-z0-9_:-]{1,40}$/, { message: 'REDIS_KEY_PREFIX must be letters, digits, _ : -' })
  REDIS_KEY_PREFIX = 'weft:';

  /** NATS subject/stream prefix, so test runs sharing one NATS server do not see each other's events. */
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,30}$/, { message: 'NATS_PREFIX must be letters, digits, _' })
  NATS_PREFIX = 'weft';

  /**
   * Events each JetStream consumer handles at once. Consumers are idempotent and order-independent (the
   * embedded bus delivers concurrently too), so more than one is safe; 1 by default because on a 2-core
   * machine with every app beside its database, 8 drained slower (bench A/B in docs/benchmarks.md).
   */
  @IsInt()
  @Min(1)
  @Max(256)
  CONSUMER_CONCURRENCY: number = 1;

  /**
   * `all` (default): HTTP and the background work (workflow runners, consumers, outbox relay, schedulers,
   * retention). `serve`: HTTP only, so reads get an event loop of their own while another replica drains
   * a backlog (experience-api sends reads there with PROCESS_API_READ_URL). Work a `serve` replica
   * records (an operator's retry, an order placed through it) is picked up by an `all` replica's runners.
   */
  @Validate(WeftRoleConstraint)
  WEFT_ROLE: WeftRole = 'all';

  @IsString()
  WEFT_DATA_DIR = './data';

  /** SIGTERM: how long draining (in-flight requests, workflow steps, consumers, pools) may take before exit 1. */
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS: number = 20_000;

  @IsInt()
  @Min(0)
  @Max(65535)
  EXPERIENCE_API_PORT: number = 3000;

  @IsInt()
  @Min(0)
  @Max(65535)
  PROCESS_API_PORT: number = 3001;

  @IsInt()
  @Min(0)
  @Max(65535)
  SYSTEM_API_PORT: number = 3002;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl(URL_OPTS)
  PROCESS_API_URL?: string;

  /**
   * Where experience-api sends its GETs to process-api: a WEFT_ROLE=serve replica, so order-status reads
   * do not queue behind a drain. Absent: PROCESS_API_URL takes the reads too.
   */
  @IsOptional()
  @IsUrl(URL_OPTS)
  PROCESS_API_READ_URL?: string;

  @IsOptional()
  @IsUrl(URL_OPTS)
  SYSTEM_API_URL?: string;

  /** PEM text of the public key that signs access tokens. */
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be PEM text (BEGIN PUBLIC KEY)' })
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @IsUrl(URL_OPTS)
  JWT_JWKS_URI?: string;

  @IsString()
  JWT_ISSUER = 'https://weft.local/dev-issuer';

  @IsString()
  JWT_AUDIENCE = 'weft';

  /** PEM (PKCS#8) private key this app signs its short-lived service tokens with, for calls to the layer below. */
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'SERVICE_JWT_PRIVATE_KEY must be PKCS#8 PEM text' })
  SERVICE_JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  SERVICE_JWT_KID?: string;

  /** Issuer of Weft's service tokens: a trust domain of its own, never the channel IdP's issuer. */
  @IsString()
  @MinLength(1)
  SERVICE_JWT_ISSUER = 'https://weft.local/service';

  /** During a key change: the public key (PEM) that signed until now, still published in this app's JWKS. */
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'SERVICE_JWT_PREVIOUS_PUBLIC_KEY must be PEM text (BEGIN PUBLIC KEY)' })
  SERVICE_JWT_PREVIOUS_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  SERVICE_JWT_PREVIOUS_KID?: string;

  /** Receivers: the callers' JWKS URLs (comma-separated), e.g. http://experience-api:3000/.well-known/jwks.json. */
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, { message: 'SERVICE_JWKS_URIS must be comma-separated http(s) URLs' })
  SERVICE_JWKS_URIS?: string;

  /** Receivers: static public keys of the callers (one or more PEM blocks), instead of or beside SERVICE_JWKS_URIS. */
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'SERVICE_JWT_PUBLIC_KEYS must be PEM text (BEGIN PUBLIC KEY)' })
  SERVICE_JWT_PUBLIC_KEYS?: string;

  /** Receivers: the `sub` of the callers this layer accepts (comma-separated); each layer has a default. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$/, { message: 'SERVICE_ALLOWED_CALLERS must be comma-separated service names' })
  SERVICE_ALLOWED_CALLERS?: string;

  /** Where development keys live when no key variable is set (git-ignored). */
  @IsString()
  DEV_KEYS_DIR = './.weft/keys';

  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsInt()
  @Min(100)
  @Max(120000)
  DOWNSTREAM_TIMEOUT_MS: number = 5000;

  /**
   * Requests per window one calling service (token `sub`) may send to this app. Inner layers only:
   * experience-api's per-client policies (THROTTLE_*) are the outside limits; this one stops a runaway
   * caller inside. Its RateLimit fields are on every response, as at the edge.
   */
  @IsInt()
  @Min(1)
  SERVICE_THROTTLE_LIMIT: number = 60_000;

  @IsInt()
  @Min(1)
  @Max(3600)
  SERVICE_THROTTLE_WINDOW_SECONDS: number = 60;

  /**
   * Browser origins allowed to call this app (CORS), comma-separated exact origins such as
   * `https://shop.example.com`. Unset or empty: none, so no CORS header is ever sent. Never `*`.
   */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,/?#*]+(,https?:\/\/[^\s,/?#*]+)*)?$/, {
    message: 'CORS_ALLOWED_ORIGINS must be comma-separated origins like https://shop.example.com (no paths, no *)',
  })
  CORS_ALLOWED_ORIGINS?: string;

  /** Directory of the committed OpenAPI contracts served at /docs; found beside the build when absent. */
  @IsOptional()
  @IsString()
  OPENAPI_DIR?: string;

  /** When set, GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._~+/=-]{16,256}$/, { message: 'METRICS_TOKEN must be 16-256 token characters' })
  METRICS_TOKEN?: string;

  /** When set, /metrics is served on this port only (not on the API port), e.g. bound to a private interface. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;
  /**
   * Retention of the messaging tables every app has (README, "Retention"). Delivered outbox rows are
   * never read again (an undelivered one is never pruned).
   */
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_OUTBOX_DELIVERED_DAYS: number = 7;

  /**
   * Processed-event markers deduplicate redeliveries. The JetStream stream keeps an event 7 days
   * (max_age), so a replay can bring one back that long: the markers are kept at least as long.
   */
  @IsInt()
  @Min(7)
  @Max(3650)
  RETENTION_PROCESSED_EVENTS_DAYS: number = 7;

  /** Dead letters an operator replayed or discarded, counted from that decision; waiting ones are never pruned. */
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_DEAD_LETTERS_RESOLVED_DAYS: number = 30;

  /** Rows per pruning DELETE. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  RETENTION_BATCH_SIZE: number = 500;

  /** Pause between two pruning batches, so intake always gets the database between them. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  RETENTION_BATCH_PAUSE_MS: number = 200;

  /** How often a pruning pass runs. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  RETENTION_INTERVAL_SECONDS: number = 600;

  /** With NODE_ENV=production the reference (demo) adapters are refused unless this says `true` on purpose. */
  @IsIn(['true', 'false'])
  WEFT_ALLOW_REFERENCE_ADAPTERS: 'true' | 'false' = 'false';

  /**
   * What NODE_ENV=production refuses to start with; loadConfig() fails naming each variable. Each app's
   * config class adds its own (Shopify secrets, channel keys, adapters) to these shared ones.
   */
  productionRefusals(): ProductionRefusal[] {
    return serviceKeyRefusals(this);
  }

  get corsAllowedOrigins(): string[] {
    return (this.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean);
  }

  /** Whether this replica runs the background work (see WEFT_ROLE). */
  get runsBackgroundWork(): boolean {
    return this.WEFT_ROLE === 'all';
  }

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  get processApiUrl(): string {
    return this.PROCESS_API_URL ?? `http://127.0.0.1:${this.PROCESS_API_PORT}`;
  }

  get processApiReadUrl(): string {
    return this.PROCESS_API_READ_URL ?? this.processApiUrl;
  }

  get systemApiUrl(): string {
    return this.SYSTEM_API_URL ?? `http://127.0.0.1:${this.SYSTEM_API_PORT}`;
  }
}
