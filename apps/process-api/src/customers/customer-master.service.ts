import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { cloudEvent } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { decideUpdate } from './attribute-ownership';
import { CustomersConfig } from './customers.config';
import { SourceCustomer } from './customer-attributes';
import { chooseMatch, MatchCandidate, MatchCandidates } from './customer-match';
import { CustomerXref, GoldenCustomer } from './customer.entities';
import {
  audit,
  AuditEntry,
  attributesOf,
  CUSTOMER_CHANGED,
  CUSTOMER_SOURCE,
  CustomerChangedData,
  resolveGolden,
  withAttributes,
} from './customer-records';

export interface ResolveResult {
  golden: GoldenCustomer;
  created: boolean;
  changed: string[];
}

/**
 * Identity resolution and ownership-aware updates. Every system's customer comes through here: it is
 * matched to a golden record (cross-reference, loyalty id, e-mail, phone — in that order), linked by
 * its system id, and its attributes applied as far as their owners allow.
 */
@Injectable()
export class CustomerMasterService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly config: CustomersConfig,
  ) {}

  upsert(src: SourceCustomer, actor: string): Promise<ResolveResult> {
    return this.uow.run((m) => this.apply(m, src, actor));
  }

  /** In the caller's transaction. */
  async apply(m: EntityManager, src: SourceCustomer, actor: string): Promise<ResolveResult> {
    const a = src.attributes;
    await this.lockIdentifiers(m, [
      src.systemId ? `x:${src.system}:${src.systemId}` : '',
      a.loyaltyId ? `l:${a.loyaltyId}` : '',
      a.email ? `e:${a.email}` : '',
      a.phone ? `p:${a.phone}` : '',
    ]);
    const match = chooseMatch(await this.candidates(m, src));
    const now = new Date().toISOString();
    const entries: AuditEntry[] = [];
    let golden: GoldenCustomer;
    let created = false;
    let changed: string[];
    if (!match) {
      golden = withAttributes(
        { id: randomUUID(), email: null, phone: null, loyaltyId: null, attributes: '{}', mergedInto: null, createdAt: now, updatedAt: now },
        {},
        now,
      );
      const decision = decideUpdate({}, a, src.system, this.config.owners);
      golden = withAttributes(golden, decision.patch, now);
      await m.insert(GoldenCustomer, golden);
      created = true;
      changed = decision.applied.map((c) => c.attribute);
      entries.push({ goldenId: golden.id, kind: 'created', sourceSystem: src.system, actor, detail: 'no record matched' });
      entries.push(
        ...decision.applied.map((c) => ({
          goldenId: golden.id,
          kind: 'set',
          attribute: c.attribute,
          from: c.from,
          to: c.to,
          sourceSystem: src.system,
          actor,
        })),
      );
    } else {
      golden = (await m.findOneBy(GoldenCustomer, { id: match.id }))!;
      const decision = decideUpdate(attributesOf(golden), a, src.system, this.config.owners);
      changed = decision.applied.map((c) => c.attribute);
      if (changed.length > 0) {
        golden = withAttributes(golden, { ...attributesOf(golden), ...decision.patch }, now);
        const { id, ...columns } = golden;
        await m.update(GoldenCustomer, { id }, columns);
      }
      entries.push(
        ...decision.applied.map((c) => ({
          goldenId: golden.id,
          kind: 'set',
          attribute: c.attribute,
          from: c.from,
          to: c.to,
          sourceSystem: src.system,
          actor,
          detail: `matched by ${match.rule}`,
        })),
      );
      entries.push(
        ...decision.rejected.map((c) => ({
          goldenId: golden.id,
          kind: 'rejected',
          attribute: c.attribute,
          from: c.from,
          to: c.to,
          sourceSystem: src.system,
          actor,
          detail: `owned by ${c.owner}: not overwritten`,
        })),
      );
      entries.push(
        ...match.alsoMatched.map((x) => ({
          goldenId: golden.id,
          kind: 'possible-duplicate',
          sourceSystem: src.system,
          actor,
          detail: `${x.id} also matches by ${x.rule}`,
        })),
      );
    }
    if (src.systemId) entries.push(...(await this.link(m, golden.id, src.system, src.systemId, actor, now)));
    await audit(m, entries, now);
    if (changed.length > 0) {
      const data: CustomerChangedData = { goldenId: golden.id, sourceSystem: src.system, attributes: changed };
      await this.outbox.append(m, [cloudEvent(CUSTOMER_CHANGED, CUSTOMER_SOURCE, golden.id, data)]);
    }
    return { golden, created, changed };
  }

  /** Records a system's id for the record; an id already linked elsewhere stays there (audited as a possible duplicate). */
  async link(m: EntityManager, goldenId: string, system: string, systemId: string, actor: string, now: string): Promise<AuditEntry[]> {
    const existing = await m.findOneBy(CustomerXref, { system, systemId });
    if (existing?.goldenId === goldenId) return [];
    if (existing) {
      const owner = await resolveGolden(m, existing.goldenId);
      if (owner?.id === goldenId) return [];
      return [
        {
          goldenId,
          kind: 'possible-duplicate',
          sourceSystem: system,
          actor,
          detail: `${system} id ${systemId} already belongs to ${existing.goldenId}`,
        },
      ];
    }
    await m.insert(CustomerXref, { system, systemId, goldenId, linkedAt: now });
    return [{ goldenId, kind: 'linked', sourceSystem: system, actor, detail: `${system} id ${systemId}` }];
  }

  /** The live record this source customer resolves to, by the same rules that link it: nothing is written. */
  async resolve(m: EntityManager, src: SourceCustomer): Promise<string | undefined> {
    return chooseMatch(await this.candidates(m, src))?.id;
  }

  private async candidates(m: EntityManager, src: SourceCustomer): Promise<MatchCandidates> {
    const live = async (where: Partial<Record<'email' | 'phone' | 'loyaltyId', string>>): Promise<MatchCandidate[]> =>
      (await m.find(GoldenCustomer, { where: { ...where, mergedInto: IsNull() } })).map((g) => ({ id: g.id, createdAt: g.createdAt }));
    const xref = src.systemId ? await m.findOneBy(CustomerXref, { system: src.system, systemId: src.systemId }) : null;
    const linked = xref ? await resolveGolden(m, xref.goldenId) : null;
    const a = src.attributes;
    return {
      'cross-reference': linked ? [{ id: linked.id, createdAt: linked.createdAt }] : [],
      'loyalty-id': a.loyaltyId ? await live({ loyaltyId: a.loyaltyId }) : [],
      email: a.email ? await live({ email: a.email }) : [],
      phone: a.phone ? await live({ phone: a.phone }) : [],
    };
  }

  /** PostgreSQL: two deliveries of one person at once must not create two records. SQLite is serialised already. */
  private async lockIdentifiers(m: EntityManager, keys: string[]): Promise<void> {
    if (this.uow.isSqlite) return;
    for (const key of [...new Set(keys.filter(Boolean))].sort())
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`weft-customer:${key}`]);
  }
}
