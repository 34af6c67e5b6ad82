import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ErpSalesOrderCancelledData, EventType, ShipmentRecordedData } from '@weft/events';
import { Scopes } from '@weft/gateway';
import { ConsumerRunner } from '@weft/messaging';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderIntakeService } from '../orders/order-intake.service';
import { CloudEventDto, IntakeResultDto, SHOPIFY_WEBHOOK_EVENT, ShopifyWebhookEventDto } from './channel-event.dto';
import { IntakeOutcome, ShopifyIntakeService } from './shopify-intake.service';

/** Inboxes of process-api: events relayed from experience-api (channels) and system-api (ERP). */
@ApiTags('intake')
@ApiBearerAuth()
@Controller()
export class IntakeController {
  constructor(
    private readonly shopify: ShopifyIntakeService,
    private readonly orders: OrderIntakeService,
    private readonly runner: ConsumerRunner,
  ) {}

  /** A channel delivery stored by experience-api; applied once per event id. */
  @Post('channel-events')
  @HttpCode(200)
  @Scopes('process:write')
  async channelEvent(@Body() event: ShopifyWebhookEventDto): Promise<IntakeResultDto> {
    if (event.type !== SHOPIFY_WEBHOOK_EVENT)
      throw new DomainError(ErrorCode.BUSINESS_RULE, `Unsupported channel event type ${event.type}`);
    let outcome: IntakeOutcome | undefined;
    const applied = await this.runner.once('channel-intake', event.id, async () => {
      outcome = await this.shopify.handle(event.data);
    });
    return applied && outcome ? outcome : { status: 'duplicate' };
  }

  /** An ERP notification from system-api's outbox: shipments, and sales orders the ERP cancelled itself. */
  @Post('erp-events')
  @HttpCode(200)
  @Scopes('process:write')
  async erpEvent(@Body() event: CloudEventDto): Promise<IntakeResultDto> {
    if (event.type === EventType.ErpSalesOrderCancelled) return this.erpCancellation(event);
    if (event.type !== EventType.ErpShipmentRecorded)
      throw new DomainError(ErrorCode.BUSINESS_RULE, `Unsupported ERP event type ${event.type}`);
    let orderId: string | undefined;
    const applied = await this.runner.once('erp-intake', event.id, async () => {
      orderId = (await this.orders.recordShipment(event.data as unknown as ShipmentRecordedData, event.time))?.id;
    });
    if (!applied) return { status: 'duplicate' };
    return orderId ? { status: 'processed', orderId } : { status: 'ignored', detail: 'no order for this ERP reference' };
  }

  private async erpCancellation(event: CloudEventDto): Promise<IntakeResultDto> {
    let result: Awaited<ReturnType<OrderIntakeService['recordErpCancellation']>> = null;
    const applied = await this.runner.once('erp-intake', event.id, async () => {
      result = await this.orders.recordErpCancellation(event.data as unknown as ErpSalesOrderCancelledData);
    });
    if (!applied) return { status: 'duplicate' };
    const r = result as Awaited<ReturnType<OrderIntakeService['recordErpCancellation']>>;
    return r
      ? { status: r.outcome === 'cancelling' ? 'processed' : 'ignored', orderId: r.order.id, detail: r.outcome }
      : { status: 'ignored', detail: 'no order for this ERP reference' };
  }
}
