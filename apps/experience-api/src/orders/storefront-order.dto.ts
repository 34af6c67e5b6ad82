import { OmitType } from '@nestjs/swagger';
import { PlaceOrderDto } from '@weft/retail-model';

/** What a storefront or partner sends: the channel and partner come from its access token. */
export class CreateOrderDto extends OmitType(PlaceOrderDto, ['channel', 'partnerId'] as const) {}
