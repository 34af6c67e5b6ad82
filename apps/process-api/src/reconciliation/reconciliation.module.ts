import { Module } from '@nestjs/common';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationRunner } from './reconciliation.runner';
import { ReconciliationService } from './reconciliation.service';

export { RECONCILIATION_ENTITIES } from './reconciliation.entities';

/** Finance reconciliation: runs (nightly and on demand), variances, resolution with an audit trail. */
@Module({
  controllers: [ReconciliationController],
  providers: [ReconciliationRunner, ReconciliationService],
})
export class ReconciliationModule {}
