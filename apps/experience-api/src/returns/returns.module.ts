import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsController } from './returns.controller';
import { ExperienceReturnsService } from './returns.service';

/** Return requests (RMAs) and their status. */
@Module({ imports: [OrdersModule], controllers: [ReturnsController], providers: [ExperienceReturnsService] })
export class ReturnsModule {}
