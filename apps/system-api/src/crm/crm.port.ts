export const CRM_PORT = Symbol('CRM_PORT');

export interface CrmContactInput {
  /** Weft's customer key (golden record id or channel:id). */
  customerKey: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  source: string;
}

export interface CrmContact {
  contactId: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  customerKeys: string[];
  marketingConsent?: boolean;
}

export interface CrmActivityInput {
  /** Idempotency key: one activity per key (e.g. "order:<business id>:created"). */
  activityKey: string;
  kind: string;
  summary: string;
  data?: Record<string, unknown>;
}

export interface CrmActivity extends CrmActivityInput {
  activityId: string;
  contactId: string;
  at: string;
}

export interface CrmPort {
  readonly name: string;
  /** Finds the contact by normalised e-mail, then phone, else creates it. */
  upsertContact(input: CrmContactInput): Promise<CrmContact>;
  findContacts(query: { email?: string; phone?: string }): Promise<CrmContact[]>;
  addActivity(contactId: string, activity: CrmActivityInput): Promise<CrmActivity>;
  listActivities(contactId: string): Promise<CrmActivity[]>;
}
