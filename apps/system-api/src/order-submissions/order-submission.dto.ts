import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { CrmActivityRequestDto, CrmContactRequestDto } from '../crm/crm.dto';
import { ErpCustomerRequestDto, ErpReservationRequestDto, ErpSalesOrderDto, ErpSalesOrderRequestDto } from '../erp/erp.dto';

/** The sales order as the submission carries it: the customer and the hold come from the same submission. */
export class SubmittedSalesOrderDto extends OmitType(ErpSalesOrderRequestDto, ['erpCustomerId', 'reservationKey'] as const) {}

/**
 * Everything the ERP and CRM need to take one channel order, in one request: the customer (CRM contact
 * and ERP customer), the order-placed activity, the stock hold and the sales order. Each part is
 * idempotent on its own business key, so a submission retried after a lost answer creates nothing twice.
 */
export class OrderSubmissionRequestDto {
  @ValidateNested() @Type(() => ErpCustomerRequestDto) customer: ErpCustomerRequestDto;
  /** Omitted when the order carries neither e-mail nor phone: there is no CRM contact to keep. */
  @IsOptional() @ValidateNested() @Type(() => CrmContactRequestDto) contact?: CrmContactRequestDto;
  /** Recorded on the contact, when there is one. */
  @IsOptional() @ValidateNested() @Type(() => CrmActivityRequestDto) activity?: CrmActivityRequestDto;
  @ValidateNested() @Type(() => ErpReservationRequestDto) reservation: ErpReservationRequestDto;
  @ValidateNested() @Type(() => SubmittedSalesOrderDto) salesOrder: SubmittedSalesOrderDto;
  /** A till sale has handed the goods over: a stock shortfall posts the order without a hold instead of stopping. */
  @IsOptional() @IsBoolean() postWithoutStock?: boolean;
}

export const SUBMISSION_OUTCOMES = ['accepted', 'out-of-stock'] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];

export class OrderSubmissionDto {
  /** `out-of-stock`: the customer is resolved, nothing is held and no sales order exists. */
  @ApiProperty({ enum: SUBMISSION_OUTCOMES }) outcome: SubmissionOutcome;
  @MaxLength(200) erpCustomerId: string;
  @MaxLength(200) crmContactId?: string;
  /** Whether stock is held under the reservation key (false for a till sale posted without stock). */
  held: boolean;
  /** Why the stock could not be held, when it could not. */
  @MaxLength(2000) shortfall?: string;
  salesOrder?: ErpSalesOrderDto;
}
