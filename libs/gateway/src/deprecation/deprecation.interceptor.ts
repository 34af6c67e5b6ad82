import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { DeprecationRegistry, deprecationHeaders } from './deprecation.registry';

/** Announces deprecation on every response of a listed operation, errors included (headers are set first). */
@Injectable()
export class DeprecationInterceptor implements NestInterceptor {
  constructor(private readonly registry: DeprecationRegistry) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const deprecation = this.registry.lookup(request.method, request.routeOptions.url ?? request.url);
    if (deprecation) {
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      for (const [name, value] of Object.entries(deprecationHeaders(deprecation))) {
        // Link may already carry other relations; add ours rather than replace them.
        if (name === 'Link' && reply.hasHeader('link')) void reply.header('Link', `${String(reply.getHeader('link'))}, ${value}`);
        else void reply.header(name, value);
      }
    }
    return next.handle();
  }
}
