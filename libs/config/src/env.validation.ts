import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(
    readonly variables: string[],
    detail: string,
  ) {
    super(`Invalid configuration: ${detail}`);
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
}

/**
 * Validates process.env (or a given record) into a typed class. Fails fast with every offending variable
 * named, so a wrong deployment stops at start-up instead of at the first request.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const instance = plainToInstance(cls, cleaned, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((e) => e.property),
      describe(errors).join('; '),
    );
  }
  return instance;
}
