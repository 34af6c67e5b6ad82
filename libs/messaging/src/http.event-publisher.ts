import { LayerClient } from '@weft/clients';
import { CloudEvent } from '@weft/events';
import { EventPublisher } from './event-bus.port';

/** Relays outbox events to the next layer's intake route (an inbox that dedupes on event id). */
export class HttpEventPublisher implements EventPublisher {
  constructor(
    private readonly client: LayerClient,
    private readonly path: string,
  ) {}

  async publish(event: CloudEvent): Promise<void> {
    await this.client.post(this.path, event, { headers: { 'content-type': 'application/cloudevents+json' } });
  }
}
