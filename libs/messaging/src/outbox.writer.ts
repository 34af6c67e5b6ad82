import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CloudEvent } from '@weft/events';
import { currentTraceparent, requestContext } from '@weft/observability';
import { OutboxRecord } from './outbox.entity';
import { OutboxSignal } from './outbox.signal';

/** Appends events inside the caller's transaction; the relay publishes them after commit. */
@Injectable()
export class OutboxWriter {
  constructor(private readonly signal: OutboxSignal) {}

  async append(manager: EntityManager, events: CloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    const now = new Date().toISOString();
    // CloudEvents distributed-tracing extension: consumers continue the trace that wrote the event.
    const traceparent = currentTraceparent();
    // And the request that wrote it (CloudEvents `correlationid`): operators find an order by the request id
    // whether the relay publishes at once, inside the request, or later from its poll.
    const correlationid = requestContext.current()?.requestId;
    const rows = events
      .map((e) => (traceparent && !e.traceparent ? { ...e, traceparent } : e))
      .map((e) => (correlationid && !e.correlationid ? { ...e, correlationid } : e))
      .map((e) => ({
        id: e.id,
        type: e.type,
        subject: e.subject ?? null,
        payload: JSON.stringify(e),
        createdAt: now,
        publishedAt: null,
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        leaseOwner: null,
        lastError: null,
        deadLetteredAt: null,
      }));
    await manager.insert(OutboxRecord, rows);
    this.signal.notify();
  }
}
