import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock.port';

/** The workflow engine's clock, one for every feature's runner (tests replace it with a fake). */
@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class WorkflowModule {}
