import { Injectable } from '@nestjs/common';
import { EventHandler } from './event-bus.port';

/**
 * A consumer that an operator may re-run from a point in time.
 *
 * Why a separate path: a live consumer skips every event its processed-event table already holds, so
 * re-delivering old events to it would do nothing. A replay therefore runs on its own short-lived
 * JetStream consumer (its own name, DeliverPolicy.ByStartTime) and calls `reapply`: the consumer's
 * side effect without the processed-event check. That effect must be idempotent where it lands (a CRM
 * activity key, an upsert), so replaying what was already applied changes nothing and replaying what
 * was lost applies it once. The live durable consumer and its processed-event rows are left untouched.
 */
export interface ReplayableConsumer {
  consumer: string;
  /** One event type (NATS 2.9 filters one subject per consumer); the server filters the replay by it. */
  type: string;
  reapply: EventHandler;
}

export interface ReplayOutcome {
  /** Events delivered to the replay, and how many of those failed after their retries (logged, not dead-lettered). */
  delivered: number;
  failed: number;
}

export interface ReplayRun {
  replayId: string;
  /** Events in the stream from the start time when the replay began: what it will deliver. */
  pending: number;
  /** Settles when the replay has delivered `pending` events (or the bus closed). */
  done: Promise<ReplayOutcome>;
}

/** The consumers of this app that can be replayed, by name: each registers itself when it subscribes. */
@Injectable()
export class ConsumerReplayRegistry {
  private readonly consumers = new Map<string, ReplayableConsumer>();

  register(c: ReplayableConsumer): void {
    this.consumers.set(c.consumer, c);
  }

  get(name: string): ReplayableConsumer | undefined {
    return this.consumers.get(name);
  }

  names(): string[] {
    return [...this.consumers.keys()].sort();
  }
}
