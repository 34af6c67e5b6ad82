import { IsIn, IsInt, IsJSON, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { ProductionRefusal, referenceAdapterRefusals, WeftConfig } from '@weft/config';
import { parseDuration, RetryPolicy } from './workflow/failure-policy';

export class ProcessConfig extends WeftConfig {
  /** Attempts of a workflow step failing unexpectedly (not an outage, not the order's fault) before FAILED. */
  @IsInt()
  @Min(1)
  @Max(50)
  WORKFLOW_MAX_ATTEMPTS: number = 6;

  /** First retry delay; doubles per attempt. */
  @IsInt()
  @Min(10)
  @Max(600000)
  WORKFLOW_RETRY_BASE_MS: number = 500;

  /** Backoff cap while a system behind is down: a long outage is retried this often, with jitter. */
  @IsInt()
  @Min(10)
  @Max(3600000)
  WORKFLOW_RETRY_MAX_MS: number = 60000;

  /** How long an order or return may wait for a system behind before it is FAILED ("90s", "30m", "24h"). */
  @Matches(/^\d+(ms|s|m|h|d)?$/, { message: 'WORKFLOW_GIVE_UP_AFTER must be a duration such as 90s, 30m, 24h' })
  WORKFLOW_GIVE_UP_AFTER = '24h';

  /** How often a backordered order asks the ERP again whether stock has arrived. */
  @IsInt()
  @Min(10)
  @Max(86400000)
  WORKFLOW_BACKORDER_RECHECK_MS: number = 60000;

  @IsInt()
  @Min(1)
  @Max(256)
  WORKFLOW_CONCURRENCY: number = 8;

  @IsInt()
  @Min(5)
  @Max(60000)
  WORKFLOW_POLL_MS: number = 200;

  @IsInt()
  @Min(1)
  @Max(50)
  EVENT_MAX_DELIVERIES: number = 5;

  /** Order and return timelines: entries older than this go, but each workflow keeps its newest one. */
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_TRANSITIONS_DAYS: number = 90;

  /** Return window in days per channel (JSON); `default` applies to channels not listed. */
  @IsJSON({ message: 'RETURN_WINDOW_DAYS must be JSON, e.g. {"default":30,"partner":14}' })
  RETURN_WINDOW_DAYS = '{"default":30,"shopify":30,"storefront":30,"pos":30,"partner":14}';

  /** The governed list of return reason codes (comma-separated). */
  @Matches(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'RETURN_REASON_CODES must be comma-separated kebab-case codes' })
  RETURN_REASON_CODES = 'damaged,defective,wrong-item,not-as-described,size-fit,changed-mind,other';

  /** SKUs that cannot be returned (services, final sale), comma-separated. */
  @IsString()
  NON_RETURNABLE_SKUS = 'LENS-PROTECT-2YR';

  /**
   * Channel tax → ERP tax code, JSON: {"<title>@<rate>": "<code>"}, "*" for any title or rate
   * ({"NY State Tax@0.04":"US-NY","*@0.19":"DE-VAT-19","tax@*":"SALES"}). "tax" is the title of a tax
   * the channel sent as an amount only. An unmapped tax fails the order (tax-not-mapped).
   */
  @IsJSON({ message: 'ERP_TAX_CODES must be a JSON object, e.g. {"VAT@0.19":"DE-VAT-19"}' })
  ERP_TAX_CODES = '{}';

  get erpTaxCodes(): Record<string, string> {
    return JSON.parse(this.ERP_TAX_CODES) as Record<string, string>;
  }

  /** Nightly reconciliation (UTC cron, 5 fields); empty turns the schedule off. Runs on demand regardless. */
  @IsString()
  RECONCILIATION_CRON = '30 2 * * *';

  /** Orders (or returns) per reconciliation page: one ERP read and one cursor save per page. */
  @IsInt()
  @Min(1)
  @Max(500)
  RECONCILIATION_PAGE_SIZE: number = 500;

  /** How often an instance looks for due schedules and for runs whose instance died. */
  @IsInt()
  @Min(50)
  @Max(600000)
  RECONCILIATION_POLL_MS: number = 5000;

  /** How long a run's instance holds it without saving a page before another instance takes it over. */
  @IsInt()
  @Min(500)
  @Max(3600000)
  RECONCILIATION_LEASE_MS: number = 30000;

  /** Share of payment refunds the reference payment adapter fails (resilience tests). */
  @IsNumber()
  @Min(0)
  @Max(1)
  PAYMENT_REFUND_FAILURE_RATE: number = 0;

  get retryPolicy(): RetryPolicy {
    return {
      baseMs: this.WORKFLOW_RETRY_BASE_MS,
      capMs: Math.max(this.WORKFLOW_RETRY_BASE_MS, this.WORKFLOW_RETRY_MAX_MS),
      giveUpAfterMs: parseDuration(this.WORKFLOW_GIVE_UP_AFTER),
      maxUnexpectedAttempts: this.WORKFLOW_MAX_ATTEMPTS,
    };
  }

  /** Refunds go to the payment provider through this adapter; only the reference one exists so far. */
  @IsIn(['reference'])
  PAYMENT_ADAPTER = 'reference' as const;

  /** Stock levels are pushed to Shopify through this adapter; only the reference one exists so far. */
  @IsIn(['reference'])
  SHOPIFY_CHANNEL_ADAPTER = 'reference' as const;

  override productionRefusals(): ProductionRefusal[] {
    return [
      ...super.productionRefusals(),
      ...referenceAdapterRefusals(this.WEFT_ALLOW_REFERENCE_ADAPTERS, {
        PAYMENT_ADAPTER: this.PAYMENT_ADAPTER,
        SHOPIFY_CHANNEL_ADAPTER: this.SHOPIFY_CHANNEL_ADAPTER,
      }),
    ];
  }

  get returnPolicy(): { windowDays: Record<string, number>; reasonCodes: string[]; nonReturnableSkus: string[] } {
    return {
      windowDays: JSON.parse(this.RETURN_WINDOW_DAYS) as Record<string, number>,
      reasonCodes: this.RETURN_REASON_CODES.split(','),
      nonReturnableSkus: this.NON_RETURNABLE_SKUS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  }
}
