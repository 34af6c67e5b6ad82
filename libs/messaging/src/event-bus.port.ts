import { CloudEvent } from '@weft/events';
import type { ReplayableConsumer, ReplayRun } from './consumer-replay';

export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const EVENT_BUS = Symbol('EVENT_BUS');

/** Where the outbox relay sends events: a bus, or the next layer over HTTP. */
export interface PublishOptions {
  /**
   * An operator replays an event that was already published (a dead letter): the bus must deliver it
   * again rather than drop it as a duplicate of the first publish.
   */
  replay?: boolean;
}

export interface EventPublisher {
  publish(event: CloudEvent, options?: PublishOptions): Promise<void>;
}

export type EventHandler = (event: CloudEvent) => Promise<void>;

export interface Subscription {
  /** Durable consumer name: its progress and dead letters are kept under it. */
  consumer: string;
  /** Event types it wants; '*' for all. */
  types: string[] | '*';
  handler: EventHandler;
}

export interface EventBus extends EventPublisher {
  subscribe(subscription: Subscription): Promise<void>;
  /** Re-runs a consumer over the events recorded since `from`; only a bus that keeps its events (JetStream) has it. */
  replayFrom?(consumer: ReplayableConsumer, from: Date): Promise<ReplayRun>;
}

export function matches(types: string[] | '*', type: string): boolean {
  return types === '*' || types.includes(type);
}
