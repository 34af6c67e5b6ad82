import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { toDomainError } from './erp-error.mapping';

/** Typed ERP errors become problems at the transport edge, mapped exhaustively by code. */
@Injectable()
export class ErpErrorInterceptor implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((e: unknown) => throwError(() => toDomainError(e))));
  }
}
