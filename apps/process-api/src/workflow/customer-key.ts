import { CanonicalOrder, normaliseEmail } from '@weft/retail-model';

/** One key per person across channels: the normalised e-mail when known, else the channel's own id. */
export function customerKey(doc: CanonicalOrder): string {
  const email = normaliseEmail(doc.customer?.email);
  if (email) return `email:${email}`;
  if (doc.customer?.externalId) return `${doc.channel}:customer:${doc.customer.externalId}`;
  return `guest:${doc.channel}`;
}

export function customerName(doc: CanonicalOrder): string {
  const c = doc.customer;
  const name = [c?.firstName, c?.lastName].filter(Boolean).join(' ');
  return name || doc.shippingAddress?.name || c?.email || 'Guest customer';
}
