import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CrmContactRequestDto {
  @IsString() @MaxLength(200) customerKey: string;
  @IsOptional() @IsString() @MaxLength(200) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsString() @MaxLength(100) firstName?: string;
  @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @IsString() @MaxLength(40) source: string;
}

export class CrmContactDto {
  contactId: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  customerKeys: string[];
  marketingConsent?: boolean;
}

export class CrmContactQueryDto {
  @IsOptional() @IsString() @MaxLength(200) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class CrmActivityRequestDto {
  @IsString() @MaxLength(250) activityKey: string;
  @IsString() @MaxLength(60) kind: string;
  @IsString() @MaxLength(500) summary: string;
  @IsOptional() data?: Record<string, unknown>;
}

export class CrmActivityDto {
  activityId: string;
  contactId: string;
  activityKey: string;
  kind: string;
  summary: string;
  data?: Record<string, unknown>;
  at: string;
}
