import { Injectable } from '@nestjs/common';

/** Wakes the relay right after a commit instead of waiting for its next poll. */
@Injectable()
export class OutboxSignal {
  private listener?: () => void;

  onNotify(listener: () => void): void {
    this.listener = listener;
  }

  notify(): void {
    // After the surrounding transaction has had its chance to commit.
    if (this.listener) setImmediate(this.listener);
  }
}
