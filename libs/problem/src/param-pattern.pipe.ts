import { PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

/** An identifier in a path: letters, digits and . _ : - (SKUs, ERP and CRM ids, reservation keys). */
export const PATH_ID = { maxLength: 64, pattern: '^[A-Za-z0-9._:-]{1,64}$' } as const;

/**
 * A path parameter bounded like a DTO field: `@Param('sku', new ParamPatternPipe('sku'))`. The contract
 * generator reads maxLength and pattern from the pipe, so the contract states exactly what is refused (400).
 */
export class ParamPatternPipe implements PipeTransform<string, string> {
  private readonly regex: RegExp;

  constructor(
    readonly name: string,
    readonly bounds: { maxLength: number; pattern: string } = PATH_ID,
  ) {
    this.regex = new RegExp(bounds.pattern);
  }

  transform(value: string): string {
    if (typeof value !== 'string' || value.length > this.bounds.maxLength || !this.regex.test(value)) {
      throw new DomainError(ErrorCode.VALIDATION, `Invalid fields: ${this.name}.`, {
        extensions: {
          errors: [{ field: this.name, messages: [`${this.name} must be at most ${this.bounds.maxLength} of A-Z a-z 0-9 . _ : -`] }],
        },
      });
    }
    return value;
  }
}
