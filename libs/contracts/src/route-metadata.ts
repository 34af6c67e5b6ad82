import { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ParamPatternPipe } from '@weft/problem';
import {
  LIST_LIMIT,
  IDEMPOTENCY,
  IdempotencyOptions,
  IS_PUBLIC,
  RATE_LIMIT_POLICY,
  RateLimitPolicyName,
  REQUIRED_SCOPES,
  Scope,
} from '@weft/gateway';

/** What the gateway decorators say about one handler: the truth the contract's security and headers come from. */
export interface RouteMetadata {
  controller: string;
  handler: string;
  isPublic: boolean;
  scopes: Scope[];
  idempotency?: IdempotencyOptions;
  /** Declared @RateLimitPolicy; undefined means the method default (reads for GET/HEAD, writes otherwise). */
  rateLimitPolicy?: RateLimitPolicyName;
  skipThrottle: boolean;
  /** Route parameters validated as UUIDs (ParseUUIDPipe). */
  uuidParams: string[];
  /** Route parameters bounded by ParamPatternPipe: name -> the schema bounds it enforces. */
  patternParams: Record<string, { maxLength: number; pattern: string }>;
  /** @ListLimit: the most items a list answer holds. */
  listLimit?: number;
}

/** Metadata @SkipThrottle() sets for the default throttler (see EdgeThrottlerGuard). */
const SKIP_THROTTLE = 'THROTTLER:SKIPdefault';

interface RouteArg {
  data?: unknown;
  pipes?: unknown[];
}

function uuidParams(controller: Type, handler: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, RouteArg>;
  return Object.values(args)
    .filter((a) => typeof a.data === 'string' && (a.pipes ?? []).some((p) => (p as object)?.constructor?.name === 'ParseUUIDPipe'))
    .map((a) => a.data as string)
    .sort();
}

function patternParams(controller: Type, handler: string): Record<string, { maxLength: number; pattern: string }> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, RouteArg>;
  const out: Record<string, { maxLength: number; pattern: string }> = {};
  for (const a of Object.values(args)) {
    const pipe = (a.pipes ?? []).find((p) => p instanceof ParamPatternPipe) as ParamPatternPipe | undefined;
    if (typeof a.data === 'string' && pipe) out[a.data] = { ...pipe.bounds };
  }
  return out;
}

/** Every controller handler of the app keyed `<ControllerClass>.<method>`, as the swagger operationIdFactory names them. */
export function collectRouteMetadata(app: INestApplication): Map<string, RouteMetadata> {
  const reflector = new Reflector();
  const routes = new Map<string, RouteMetadata>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const handler of Object.getOwnPropertyNames(proto)) {
        const fn = proto[handler];
        if (handler === 'constructor' || typeof fn !== 'function') continue;
        const targets = [fn, controller];
        const key = `${controller.name}.${handler}`;
        if (routes.has(key)) {
          throw new Error(`Two controllers named ${controller.name} in one app: operation ids would collide`);
        }
        routes.set(key, {
          controller: controller.name,
          handler,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
          scopes: reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets) ?? [],
          idempotency: reflector.getAllAndOverride<IdempotencyOptions | undefined>(IDEMPOTENCY, targets),
          rateLimitPolicy: reflector.getAllAndOverride<RateLimitPolicyName | undefined>(RATE_LIMIT_POLICY, targets),
          skipThrottle: reflector.getAllAndOverride<boolean>(SKIP_THROTTLE, targets) === true,
          uuidParams: uuidParams(controller, handler),
          patternParams: patternParams(controller, handler),
          listLimit: reflector.get<number | undefined>(LIST_LIMIT, fn as () => void),
        });
      }
    }
  }
  return routes;
}
