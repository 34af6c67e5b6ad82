import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CloudEvent } from '@weft/events';
import { currentTraceparent } from '@weft/observability';
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
    const rows = events
      .map((e) => (traceparent && !e.traceparent ? { ...e, traceparent } : e))
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
