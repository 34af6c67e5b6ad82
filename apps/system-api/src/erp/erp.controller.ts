import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import {
  ErpCreditNoteRequestDto,
  ErpCustomerDto,
  ErpProductDto,
  ProductQueryDto,
  ErpCustomerRequestDto,
  ErpInvoiceDto,
  ErpPostingsDto,
  PostingsQueryDto,
  ErpPaymentRequestDto,
  ErpReservationDto,
  ErpReservationRequestDto,
  ErpReturnReceiptRequestDto,
  ErpSalesOrderDto,
  ErpSalesOrderRequestDto,
  ErpShipmentDto,
  ErpShipmentRequestDto,
  ErpStockLevelDto,
  mapSalesOrder,
  mapStock,
  SalesOrderQueryDto,
  StockQueryDto,
} from './erp.dto';
import { ErpService } from './erp.service';
import { ParamPatternPipe } from '@weft/problem';

/** Reservations are keyed on the order's business key (process-api, up to 240 characters). */
const RESERVATION_KEY = { maxLength: 240, pattern: '^[^\\u0000-\\u001f]{1,240}$' };

/** The ERP behind its port, whichever product answers. Inspection routes serve operators and tests. */
@ApiTags('erp')
@ApiBearerAuth()
@Controller('erp')
export class ErpController {
  constructor(private readonly erp: ErpService) {}

  /** Find or create the ERP customer for a Weft customer key. */
  @Post('customers')
  @HttpCode(200)
  @Scopes('system:write')
  customer(@Body() body: ErpCustomerRequestDto): Promise<ErpCustomerDto> {
    return this.erp.erp.findOrCreateCustomer(body);
  }

  /** Create and confirm a sales order; the same external reference returns the first one. */
  @Post('sales-orders')
  @HttpCode(200)
  @Scopes('system:write')
  async createSalesOrder(@Body() body: ErpSalesOrderRequestDto): Promise<ErpSalesOrderDto> {
    return mapSalesOrder(await this.erp.erp.createSalesOrder(body));
  }

  /** Sales orders by external reference (zero or one). */
  @Get('sales-orders')
  @Scopes('system:read')
  @ListLimit(100)
  async findSalesOrders(@Query() query: SalesOrderQueryDto): Promise<ErpSalesOrderDto[]> {
    const so = await this.erp.erp.findSalesOrderByReference(query.externalReference);
    return so ? [mapSalesOrder(so)] : [];
  }

  @Get('sales-orders/:id')
  @Scopes('system:read')
  async getSalesOrder(@Param('id', new ParamPatternPipe('id')) id: string): Promise<ErpSalesOrderDto> {
    return mapSalesOrder(await this.erp.erp.getSalesOrder(id));
  }

  @Post('sales-orders/:id/cancel')
  @HttpCode(200)
  @Scopes('system:write')
  async cancelSalesOrder(@Param('id', new ParamPatternPipe('id')) id: string): Promise<ErpSalesOrderDto> {
    return mapSalesOrder(await this.erp.erp.cancelSalesOrder(id));
  }

  /** Warehouse shipment confirmation (partial or split); drives the order to (PARTIALLY_)FULFILLED. */
  @Post('sales-orders/:id/shipments')
  @Scopes('system:write')
  confirmShipment(@Param('id', new ParamPatternPipe('id')) id: string, @Body() body: ErpShipmentRequestDto): Promise<ErpShipmentDto> {
    return this.erp.confirmShipment(id, body);
  }

  @Post('sales-orders/:id/invoice')
  @HttpCode(200)
  @Scopes('system:write')
  postInvoice(@Param('id', new ParamPatternPipe('id')) id: string): Promise<ErpInvoiceDto> {
    return this.erp.erp.postInvoice(id);
  }

  @Post('invoices/:id/payments')
  @HttpCode(200)
  @Scopes('system:write')
  recordPayment(@Param('id', new ParamPatternPipe('id')) id: string, @Body() body: ErpPaymentRequestDto): Promise<ErpInvoiceDto> {
    return this.erp.erp.recordPayment(id, body.amountMinor, body.currency, body.paymentKey);
  }

  @Post('credit-notes')
  @HttpCode(200)
  @Scopes('system:write')
  createCreditNote(@Body() body: ErpCreditNoteRequestDto): Promise<ErpInvoiceDto> {
    return this.erp.erp.createCreditNote(body);
  }

  @Post('return-receipts')
  @HttpCode(200)
  @Scopes('system:write')
  @ListLimit(200)
  async receiveReturn(@Body() body: ErpReturnReceiptRequestDto): Promise<ErpStockLevelDto[]> {
    return mapStock(await this.erp.erp.receiveReturn(body));
  }

  @Get('products')
  @Scopes('system:read')
  @ListLimit(1000)
  products(@Query() query: ProductQueryDto): Promise<ErpProductDto[]> {
    return this.erp.erp.getProducts(
      query.skus
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }

  /** Reconciliation read: posted invoices, credit notes and payments of up to 500 sales orders. */
  @Post('postings/search')
  @HttpCode(200)
  @Scopes('system:read')
  @ListLimit(500)
  postings(@Body() body: PostingsQueryDto): Promise<ErpPostingsDto[]> {
    return this.erp.erp.listPostings([...new Set(body.externalReferences)]);
  }

  @Get('stock')
  @Scopes('system:read')
  @ListLimit(1000)
  async stock(@Query() query: StockQueryDto): Promise<ErpStockLevelDto[]> {
    const skus = query.skus
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return mapStock(await this.erp.erp.getStock(skus, query.locationId));
  }

  @Post('reservations')
  @HttpCode(200)
  @Scopes('system:write')
  reserve(@Body() body: ErpReservationRequestDto): Promise<ErpReservationDto> {
    return this.erp.erp.reserveStock(body);
  }

  @Post('reservations/:key/release')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The released reservation, or null when none has this key.',
    schema: { anyOf: [{ $ref: getSchemaPath(ErpReservationDto) }, { type: 'null' }] },
  })
  @Scopes('system:write')
  async release(@Param('key', new ParamPatternPipe('key', RESERVATION_KEY)) key: string): Promise<ErpReservationDto | null> {
    return this.erp.erp.releaseReservation(key);
  }
}
