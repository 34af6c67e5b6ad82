import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '@weft/persistence';
import { DomainError, ErrorCode } from '@weft/problem';
import { CUSTOMER_ATTRIBUTES, CustomerAttributes } from './customer-attributes';
import { CustomerXref, GoldenCustomer } from './customer.entities';
import { audit, AuditEntry, attributesOf, resolveGolden, withAttributes } from './customer-records';

/**
 * Merges a duplicate found later into a surviving record: cross-references move, the survivor's
 * values win and only its empty attributes are filled, both keep their history, and the duplicate's
 * id redirects to the survivor from then on.
 */
@Injectable()
export class CustomerMergeService {
  constructor(private readonly uow: UnitOfWork) {}

  merge(survivorId: string, duplicateId: string, actor: string): Promise<string> {
    return this.uow.run((m) => this.mergeIn(m, survivorId, duplicateId, actor));
  }

  private async mergeIn(m: EntityManager, survivorId: string, duplicateId: string, actor: string): Promise<string> {
    const survivor = await this.lock(m, survivorId);
    const duplicate = await this.lock(m, duplicateId);
    if (!survivor) throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${survivorId}`);
    if (!duplicate) throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${duplicateId}`);
    if (survivor.mergedInto)
      throw new DomainError(ErrorCode.CONFLICT, `Customer ${survivorId} was merged into ${survivor.mergedInto}; merge into that one`, {
        extensions: { mergedInto: survivor.mergedInto },
      });
    if (duplicate.mergedInto) {
      // Merging again is a no-op when it already went to this survivor.
      if ((await resolveGolden(m, duplicate.id))?.id === survivor.id) return survivor.id;
      throw new DomainError(ErrorCode.CONFLICT, `Customer ${duplicateId} was already merged into ${duplicate.mergedInto}`);
    }
    if (survivor.id === duplicate.id) throw new DomainError(ErrorCode.BUSINESS_RULE, 'A customer cannot be merged into itself');
    const now = new Date().toISOString();
    const kept = attributesOf(survivor);
    const theirs = attributesOf(duplicate);
    const filled: CustomerAttributes = { ...kept };
    const entries: AuditEntry[] = [];
    for (const attribute of CUSTOMER_ATTRIBUTES) {
      if (kept[attribute] !== undefined || theirs[attribute] === undefined) continue;
      (filled as Record<string, unknown>)[attribute] = theirs[attribute];
      entries.push({
        goldenId: survivor.id,
        kind: 'set',
        attribute,
        from: null,
        to: theirs[attribute],
        sourceSystem: 'ops',
        actor,
        detail: `filled from merged ${duplicate.id}`,
      });
    }
    const { id, ...columns } = withAttributes(survivor, filled, now);
    await m.update(GoldenCustomer, { id }, columns);
    await m.update(CustomerXref, { goldenId: duplicate.id }, { goldenId: survivor.id });
    await m.update(GoldenCustomer, { id: duplicate.id }, { mergedInto: survivor.id, updatedAt: now });
    // Earlier redirects to the duplicate now point straight at the survivor.
    await m.update(GoldenCustomer, { mergedInto: duplicate.id }, { mergedInto: survivor.id });
    entries.push({ goldenId: survivor.id, kind: 'merged', sourceSystem: 'ops', actor, detail: `${duplicate.id} merged into this record` });
    entries.push({
      goldenId: duplicate.id,
      kind: 'merged-into',
      sourceSystem: 'ops',
      actor,
      detail: `merged into ${survivor.id}; this id redirects there`,
    });
    await audit(m, entries, now);
    return survivor.id;
  }

  private lock(m: EntityManager, id: string): Promise<GoldenCustomer | null> {
    return this.uow.isSqlite
      ? m.findOneBy(GoldenCustomer, { id })
      : m.findOne(GoldenCustomer, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
