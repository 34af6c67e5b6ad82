import { randomUUID } from 'node:crypto';

/** CloudEvents 1.0, JSON format (structured mode). */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
  /** Extension attributes: the request and trace that caused the event. */
  correlationid?: string;
  traceparent?: string;
}

export function cloudEvent<T>(
  type: string,
  source: string,
  subject: string,
  data: T,
  extra: Partial<Omit<CloudEvent, 'data'>> = {},
): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
    ...extra,
  };
}

export function isCloudEvent(v: unknown): v is CloudEvent {
  const e = v as Partial<CloudEvent> | null;
  return !!e && e.specversion === '1.0' && typeof e.id === 'string' && typeof e.type === 'string' && typeof e.source === 'string';
}
