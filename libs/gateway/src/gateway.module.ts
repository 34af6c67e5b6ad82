import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtVerifier } from './auth/jwt.verifier';
import { ServiceTokenSigner } from './auth/service-token.signer';

/**
 * The gateway policies. `forEdge()` is what channels meet at experience-api (JWT, throttling,
 * idempotency, deprecation); `forService()` is the JWT check with service scopes the inner layers use.
 * Both are global: a route opts out only by an explicit decorator.
 */
@Module({})
export class GatewayModule {
  static forService(): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      providers: [JwtVerifier, ServiceTokenSigner, { provide: APP_GUARD, useClass: JwtAuthGuard }],
      exports: [JwtVerifier, ServiceTokenSigner],
    };
  }

  static forEdge(): DynamicModule {
    const base = GatewayModule.forService();
    return { ...base };
  }
}
