import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  traceId: string;
  /** This service's span for the request; sent as the parent-id of calls it makes. */
  spanId: string;
  traceFlags: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  enter(ctx: RequestContext): void {
    storage.enterWith(ctx);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
