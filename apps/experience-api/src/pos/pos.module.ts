import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PosController } from './pos.controller';
import { ExperiencePosService } from './pos.service';

/** Till sales and returns from the stores. */
@Module({ imports: [OrdersModule], controllers: [PosController], providers: [ExperiencePosService] })
export class PosModule {}
