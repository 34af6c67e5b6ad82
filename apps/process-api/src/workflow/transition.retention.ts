import { EntityTarget, ObjectLiteral } from 'typeorm';
import { cutoffIso, RetentionRule } from '@weft/platform';
import { OrderTransition } from '../orders/order.entity';
import { ReturnTransition } from '../returns/return.entity';

/**
 * Timeline entries past retention, except each workflow's newest one: it says where the workflow
 * stands (the exception queue reads the failing one) and carries the sequence the next entry continues.
 */
function timelineRule(table: string, entity: EntityTarget<ObjectLiteral>, parent: string, days: number): RetentionRule {
  return {
    table,
    entity,
    oldestFirst: 'at',
    prunable: (q, now) =>
      q
        .where('t.at <= :cutoff', { cutoff: cutoffIso(now, days) })
        .andWhere(
          `t.seq < ${q.subQuery().select('MAX(newest.seq)').from(entity, 'newest').where(`newest.${parent} = t.${parent}`).getQuery()}`,
        ),
  };
}

export function transitionRetentionRules(days: number): RetentionRule[] {
  return [
    timelineRule('order_transitions', OrderTransition, 'orderId', days),
    timelineRule('return_transitions', ReturnTransition, 'returnId', days),
  ];
}
