import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { shopifyToDomainError } from './shopify.errors';

/** Typed Shopify errors become problems at the transport edge, mapped exhaustively by code. */
@Injectable()
export class ShopifyErrorInterceptor implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((e: unknown) => throwError(() => shopifyToDomainError(e))));
  }
}
