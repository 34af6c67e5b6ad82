import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@weft/persistence';
import { DomainError, ErrorCode } from '@weft/problem';
import { CreateReconciliationRunDto, ReconciliationRunDto, VarianceDetailDto, VarianceDto, VarianceQueryDto } from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { ReturnRecord } from '../returns/return.entity';
import { ReconciliationAuditRecord, ReconciliationRunRecord, ReconciliationVarianceRecord } from './reconciliation.entities';
import { mapRun, mapVariance, mapVarianceDetail } from './reconciliation.mapper';
import { newRun, ReconciliationRunner } from './reconciliation.runner';

const MAX_WINDOW_DAYS = 366;

@Injectable()
export class ReconciliationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly runner: ReconciliationRunner,
  ) {}

  /** A run on demand: counted now (for progress), worked in the background, answered at once. */
  async start(dto: CreateReconciliationRunDto, requestedBy: string): Promise<ReconciliationRunDto> {
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (!(from < to))
      throw new DomainError(ErrorCode.VALIDATION, '`from` must be before `to`', {
        extensions: { errors: [{ field: 'to', messages: ['to must be after from'] }] },
      });
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
      throw new DomainError(ErrorCode.BUSINESS_RULE, `A run covers at most ${MAX_WINDOW_DAYS} days`);
    const run = newRun(from.toISOString(), to.toISOString(), 'demand', requestedBy);
    const m = this.uow.manager;
    const window = '"createdAt" >= :from AND "createdAt" < :to';
    const params = { from: run.fromAt, to: run.toAt };
    run.ordersTotal = await this.uow.serialised(() => m.getRepository(OrderRecord).createQueryBuilder().where(window, params).getCount());
    run.returnsTotal = await this.uow.serialised(() => m.getRepository(ReturnRecord).createQueryBuilder().where(window, params).getCount());
    await this.uow.run((tx) => tx.insert(ReconciliationRunRecord, run));
    this.runner.kick(run.id);
    return mapRun(run, {});
  }

  async get(id: string): Promise<ReconciliationRunDto> {
    const run = await this.uow.serialised(() => this.uow.manager.findOneBy(ReconciliationRunRecord, { id }));
    if (!run) throw new DomainError(ErrorCode.NOT_FOUND, `No reconciliation run ${id}`);
    const counts = await this.uow.serialised(() =>
      this.uow.manager
        .getRepository(ReconciliationVarianceRecord)
        .createQueryBuilder('v')
        .select('v.type', 'type')
        .addSelect('COUNT(*)', 'n')
        .where('v."runId" = :id', { id })
        .groupBy('v.type')
        .getRawMany<{ type: string; n: string | number }>(),
    );
    return mapRun(run, Object.fromEntries(counts.map((c) => [c.type, Number(c.n)])));
  }

  async variances(q: VarianceQueryDto): Promise<VarianceDto[]> {
    const qb = this.uow.manager.getRepository(ReconciliationVarianceRecord).createQueryBuilder('v');
    if (q.type) qb.andWhere('v.type = :type', { type: q.type });
    if (q.channel) qb.andWhere('v.channel = :channel', { channel: q.channel });
    if (q.shop) qb.andWhere('v.shop = :shop', { shop: q.shop });
    if (q.state) qb.andWhere('v.state = :state', { state: q.state });
    if (q.runId) qb.andWhere('v."runId" = :runId', { runId: q.runId });
    if (q.from) qb.andWhere('v."occurredAt" >= :from', { from: new Date(q.from).toISOString() });
    if (q.to) qb.andWhere('v."occurredAt" < :to', { to: new Date(q.to).toISOString() });
    if (q.after) qb.andWhere('v.id > :after', { after: q.after });
    const rows = await this.uow.serialised(() =>
      qb
        .orderBy('v.id', 'ASC')
        .limit(q.limit ?? 100)
        .getMany(),
    );
    return rows.map(mapVariance);
  }

  async variance(id: string): Promise<VarianceDetailDto> {
    const v = await this.uow.serialised(() => this.uow.manager.findOneBy(ReconciliationVarianceRecord, { id }));
    if (!v) throw new DomainError(ErrorCode.NOT_FOUND, `No variance ${id}`);
    const audit = await this.uow.serialised(() =>
      this.uow.manager.find(ReconciliationAuditRecord, { where: { varianceId: id }, order: { at: 'ASC' } }),
    );
    return mapVarianceDetail(v, audit);
  }

  /** Resolving keeps the variance (now RESOLVED, with who and why) and appends to its audit trail. */
  async resolve(id: string, note: string, actor: string): Promise<VarianceDetailDto> {
    await this.uow.run(async (m) => {
      const v = await m.findOneBy(ReconciliationVarianceRecord, { id });
      if (!v) throw new DomainError(ErrorCode.NOT_FOUND, `No variance ${id}`);
      if (v.state === 'RESOLVED')
        throw new DomainError(ErrorCode.CONFLICT, `Variance ${id} was resolved by ${v.resolvedBy} at ${v.resolvedAt}`);
      const at = new Date().toISOString();
      const changed = await m.update(
        ReconciliationVarianceRecord,
        { id, state: 'OPEN' },
        { state: 'RESOLVED', resolvedBy: actor, resolutionNote: note, resolvedAt: at },
      );
      if (!changed.affected) throw new DomainError(ErrorCode.CONFLICT, `Variance ${id} was resolved meanwhile`);
      await m.insert(ReconciliationAuditRecord, { id: randomUUID(), varianceId: id, action: 'resolved', actor, note, at });
    });
    return this.variance(id);
  }
}
