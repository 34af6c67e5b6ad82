import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@weft/gateway';
import { OrderSubmissionDto, OrderSubmissionRequestDto } from './order-submission.dto';
import { OrderSubmissionsService } from './order-submissions.service';

@ApiTags('order-submissions')
@ApiBearerAuth()
@Controller('order-submissions')
export class OrderSubmissionsController {
  constructor(private readonly submissions: OrderSubmissionsService) {}

  /** Resolve the customer, hold the stock and create the ERP sales order: one round trip per order. */
  @Post()
  @HttpCode(200)
  @Scopes('system:write')
  submit(@Body() body: OrderSubmissionRequestDto): Promise<OrderSubmissionDto> {
    return this.submissions.submit(body);
  }
}
