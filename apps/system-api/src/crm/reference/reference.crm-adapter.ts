import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { normaliseEmail, normalisePhone } from '@weft/retail-model';
import { CrmActivity, CrmActivityInput, CrmContact, CrmContactInput, CrmPort } from '../crm.port';
import { CrmActivityRow, CrmContactRow } from './reference-crm.entities';

/** A CRM in system-api's own tables: contacts unique on normalised e-mail and phone, activities per key. */
@Injectable()
export class ReferenceCrmAdapter implements CrmPort {
  readonly name = 'reference';

  constructor(private readonly uow: UnitOfWork) {}

  async upsertContact(input: CrmContactInput): Promise<CrmContact> {
    const email = normaliseEmail(input.email) ?? null;
    const phone = normalisePhone(input.phone) ?? null;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const row = await this.uow.run(async (m) => {
          const existing =
            (email && (await m.findOneBy(CrmContactRow, { email }))) || (phone && (await m.findOneBy(CrmContactRow, { phone }))) || null;
          if (existing) {
            const keys = new Set(JSON.parse(existing.customerKeys) as string[]);
            keys.add(input.customerKey);
            const patch: Partial<CrmContactRow> = { customerKeys: JSON.stringify([...keys].sort()) };
            if (!existing.email && email) patch.email = email;
            if (!existing.phone && phone) patch.phone = phone;
            if (!existing.firstName && input.firstName) patch.firstName = input.firstName;
            if (!existing.lastName && input.lastName) patch.lastName = input.lastName;
            await m.update(CrmContactRow, { id: existing.id }, patch);
            return { ...existing, ...patch };
          }
          const created: CrmContactRow = {
            id: `CT-${randomUUID().slice(0, 13)}`,
            email,
            phone,
            firstName: input.firstName ?? null,
            lastName: input.lastName ?? null,
            customerKeys: JSON.stringify([input.customerKey]),
            marketingConsent: null,
            createdAt: new Date().toISOString(),
          };
          await m.insert(CrmContactRow, created);
          return created;
        });
        return this.toContact(row);
      } catch (e) {
        // A concurrent upsert created the same person first: the next attempt finds it.
        if (!isUniqueViolation(e)) throw e;
      }
    }
    throw new Error('CRM contact upsert did not converge');
  }

  async findContacts(query: { email?: string; phone?: string }): Promise<CrmContact[]> {
    const email = normaliseEmail(query.email);
    const phone = normalisePhone(query.phone);
    if (!email && !phone) return [];
    const rows = await this.uow.serialised(() =>
      this.uow.manager.find(CrmContactRow, { where: [...(email ? [{ email }] : []), ...(phone ? [{ phone }] : [])] }),
    );
    return rows.map((r) => this.toContact(r));
  }

  async addActivity(contactId: string, activity: CrmActivityInput): Promise<CrmActivity> {
    try {
      await this.uow.run((m) =>
        m.insert(CrmActivityRow, {
          id: `ACT-${randomUUID().slice(0, 13)}`,
          contactId,
          activityKey: activity.activityKey,
          kind: activity.kind,
          summary: activity.summary.slice(0, 500),
          data: activity.data ? JSON.stringify(activity.data) : null,
          at: new Date().toISOString(),
        }),
      );
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const row = await this.uow.serialised(() => this.uow.manager.findOneByOrFail(CrmActivityRow, { activityKey: activity.activityKey }));
    return this.toActivity(row);
  }

  async listActivities(contactId: string): Promise<CrmActivity[]> {
    const rows = await this.uow.serialised(() => this.uow.manager.find(CrmActivityRow, { where: { contactId }, order: { at: 'ASC' } }));
    return rows.map((r) => this.toActivity(r));
  }

  private toContact(r: CrmContactRow): CrmContact {
    return {
      contactId: r.id,
      email: r.email ?? undefined,
      phone: r.phone ?? undefined,
      firstName: r.firstName ?? undefined,
      lastName: r.lastName ?? undefined,
      customerKeys: JSON.parse(r.customerKeys) as string[],
      marketingConsent: r.marketingConsent ?? undefined,
    };
  }

  private toActivity(r: CrmActivityRow): CrmActivity {
    return {
      activityId: r.id,
      contactId: r.contactId,
      activityKey: r.activityKey,
      kind: r.kind,
      summary: r.summary,
      data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : undefined,
      at: r.at,
    };
  }
}
