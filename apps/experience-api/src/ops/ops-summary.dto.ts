import type { OpsSummaryDto } from '@weft/retail-model';

export { OpsSummaryDto, OpsSummaryQueryDto } from '@weft/retail-model';

/** Only the documented members go out, whatever process-api adds later. */
export function mapOpsSummary(s: OpsSummaryDto, edgeCircuits: OpsSummaryDto['circuits']): OpsSummaryDto {
  return {
    at: s.at,
    flow: s.flow.map((c) => ({ state: c.state, channel: c.channel, count: c.count })),
    receivedInWindow: s.receivedInWindow.map((c) => ({ state: c.state, channel: c.channel, count: c.count })),
    aging: s.aging.map((a) => ({ state: a.state, oldestSince: a.oldestSince, ageSeconds: a.ageSeconds })),
    syncLatency: {
      windowMinutes: s.syncLatency.windowMinutes,
      accepted: s.syncLatency.accepted,
      p50Seconds: s.syncLatency.p50Seconds,
      p95Seconds: s.syncLatency.p95Seconds,
      lastAcceptedAt: s.syncLatency.lastAcceptedAt,
    },
    exceptions: {
      failed: s.exceptions.failed,
      waiting: s.exceptions.waiting,
      waitingForErp: s.exceptions.waitingForErp,
      backordered: s.exceptions.backordered,
      returnExceptions: s.exceptions.returnExceptions,
    },
    deadLettersPending: s.deadLettersPending,
    circuits: [...edgeCircuits, ...s.circuits].map((c) => ({ layer: c.layer, target: c.target, state: c.state })),
    stockAccuracy: s.stockAccuracy.map((a) => ({ channel: a.channel, ratio: a.ratio, skus: a.skus })),
  };
}
