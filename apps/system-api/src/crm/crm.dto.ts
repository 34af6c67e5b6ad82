import { ArrayMaxSize, IsOptional, IsString, MaxLength } from 'class-validator';

export class CrmContactRequestDto {
  @IsString() @MaxLength(200) customerKey: string;
  @IsOptional() @IsString() @MaxLength(200) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsString() @MaxLength(100) firstName?: string;
  @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @IsString() @MaxLength(40) source: string;
}

export class CrmContactDto {
  @MaxLength(200) contactId: string;
  @MaxLength(254) email?: string;
  @MaxLength(40) phone?: string;
  @MaxLength(200) firstName?: string;
  @MaxLength(200) lastName?: string;
  @ArrayMaxSize(100) @MaxLength(240, { each: true }) customerKeys: string[];
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
  @MaxLength(200) activityId: string;
  @MaxLength(200) contactId: string;
  @MaxLength(240) activityKey: string;
  @MaxLength(200) kind: string;
  @MaxLength(2000) summary: string;
  data?: Record<string, unknown>;
  @MaxLength(40) at: string;
}
