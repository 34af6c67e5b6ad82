import { IsIn, IsInt, IsJSON, IsNumber, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ProductionRefusal, referenceAdapterRefusals, WeftConfig } from '@weft/config';

export class SystemConfig extends WeftConfig {
  @IsIn(['reference', 'tryton'])
  ERP_ADAPTER: 'reference' | 'tryton' = 'reference';

  @IsIn(['reference'])
  CRM_ADAPTER = 'reference' as const;

  /** The reference ERP's governance limit: concurrent requests beyond it get 429 (NetSuite base tier: 5). */
  @IsInt()
  @Min(1)
  @Max(1000)
  ERP_CONCURRENCY_LIMIT: number = 5;

  /** Added latency per reference-ERP call, for resilience tests and benchmarks. */
  @IsInt()
  @Min(0)
  @Max(60000)
  ERP_LATENCY_MS: number = 0;

  /** Share of reference-ERP calls that fail with 503, for resilience tests. */
  @IsNumber()
  @Min(0)
  @Max(1)
  ERP_FAILURE_RATE: number = 0;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  TRYTON_URL?: string;

  @IsString() TRYTON_DATABASE = 'erp';
  @IsString() TRYTON_USER = 'admin';
  @IsOptional() @IsString() TRYTON_PASSWORD?: string;

  /** Weft location id → Tryton stock.location code or id, as JSON. */
  @IsJSON({ message: 'TRYTON_LOCATION_MAP must be a JSON object of location ids' })
  TRYTON_LOCATION_MAP = '{"WH-MAIN":"WH"}';

  get trytonLocationMap(): Record<string, string> {
    return JSON.parse(this.TRYTON_LOCATION_MAP) as Record<string, string>;
  }

  /** Calls in flight to one Tryton database; 1 because its SQLite backend is unsafe under parallel writes. */
  @IsInt()
  @Min(1)
  @Max(64)
  TRYTON_MAX_CONCURRENCY: number = 1;

  override productionRefusals(): ProductionRefusal[] {
    return [
      ...super.productionRefusals(),
      ...referenceAdapterRefusals(this.WEFT_ALLOW_REFERENCE_ADAPTERS, { ERP_ADAPTER: this.ERP_ADAPTER, CRM_ADAPTER: this.CRM_ADAPTER }),
    ];
  }
}
