import { CanonicalOrder } from '@weft/retail-model';

export interface ReturnPolicyConfig {
  /** Days after the order was placed that a return is accepted, per channel. */
  windowDays: Record<string, number>;
  reasonCodes: string[];
  nonReturnableSkus: string[];
}

export interface RequestedLine {
  sku: string;
  quantity: number;
  reasonCode: string;
}

export type PolicyRule = 'return-window' | 'reason-code' | 'non-returnable' | 'quantity' | 'not-on-order';

export interface PolicyViolation {
  rule: PolicyRule;
  detail: string;
}

/**
 * The return rules, checked before anything is stored. `fulfilled` and `returned` are per SKU:
 * what the ERP shipped and what earlier returns already took back.
 */
export function checkReturnPolicy(
  order: CanonicalOrder,
  lines: RequestedLine[],
  fulfilled: Map<string, number>,
  returned: Map<string, number>,
  policy: ReturnPolicyConfig,
  now: Date,
): PolicyViolation | undefined {
  const days = policy.windowDays[order.channel] ?? policy.windowDays.default ?? 30;
  const ageDays = (now.getTime() - new Date(order.placedAt).getTime()) / 86_400_000;
  if (ageDays > days)
    return {
      rule: 'return-window',
      detail: `The ${order.channel} return window of ${days} days has passed (order placed ${Math.floor(ageDays)} days ago).`,
    };
  const requested = new Map<string, number>();
  for (const l of lines) {
    if (!policy.reasonCodes.includes(l.reasonCode))
      return { rule: 'reason-code', detail: `Reason code ${l.reasonCode} is not one of ${policy.reasonCodes.join(', ')}.` };
    if (policy.nonReturnableSkus.includes(l.sku)) return { rule: 'non-returnable', detail: `${l.sku} cannot be returned.` };
    if (!order.lines.some((o) => o.sku === l.sku)) return { rule: 'not-on-order', detail: `${l.sku} is not on the order.` };
    requested.set(l.sku, (requested.get(l.sku) ?? 0) + l.quantity);
  }
  for (const [sku, qty] of requested) {
    const open = (fulfilled.get(sku) ?? 0) - (returned.get(sku) ?? 0);
    if (qty > open)
      return {
        rule: 'quantity',
        detail: `Cannot return ${qty} of ${sku}: ${fulfilled.get(sku) ?? 0} fulfilled, ${returned.get(sku) ?? 0} already returned.`,
      };
  }
  return undefined;
}
