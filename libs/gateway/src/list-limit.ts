import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';

export const LIST_LIMIT = 'weft:list-limit';

/** Cuts a list answer to the route's @ListLimit: a query never answers with an unbounded array. */
@Injectable()
export class ListLimitInterceptor implements NestInterceptor {
  private readonly reflector = new Reflector();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limit = this.reflector.get<number | undefined>(LIST_LIMIT, context.getHandler());
    return next.handle().pipe(map((v: unknown) => (limit !== undefined && Array.isArray(v) ? v.slice(0, limit) : v)));
  }
}

/**
 * A route that answers a list answers at most `max` items (the first ones, in the route's documented
 * order); the contract states it as the array's maxItems.
 */
export const ListLimit = (max: number): MethodDecorator =>
  applyDecorators(SetMetadata(LIST_LIMIT, max), UseInterceptors(ListLimitInterceptor));
