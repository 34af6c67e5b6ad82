import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { JWK } from 'jose';
import { Public } from '../decorators';
import { ServiceTokenSigner } from './service-token.signer';

/**
 * The public keys this layer signs service tokens with (current, and previous during a change). Receiving
 * layers list this URL in SERVICE_JWKS_URIS. Public keys only; unthrottled, like a provider's JWKS.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller({ path: '.well-known', version: VERSION_NEUTRAL })
export class ServiceJwksController {
  constructor(private readonly signer: ServiceTokenSigner) {}

  @Get('jwks.json')
  jwks(): Promise<{ keys: JWK[] }> {
    return this.signer.jwks();
  }
}
