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
  refuseUnsafeProduction(instance);
  return instance;
}

interface ProductionChecked {
  NODE_ENV?: string;
  productionRefusals?: () => { variable: string; reason: string }[];
}

/** NODE_ENV=production with a development secret, a missing key or a demo adapter stops the start, naming each variable. */
function refuseUnsafeProduction(config: ProductionChecked): void {
  if (config.NODE_ENV !== 'production' || typeof config.productionRefusals !== 'function') return;
  const refusals = config.productionRefusals();
  if (refusals.length === 0) return;
  throw new ConfigValidationError(
    [...new Set(refusals.map((r) => r.variable))],
    `NODE_ENV=production refuses to start: ${refusals.map((r) => `${r.variable} ${r.reason}`).join('; ')}`,
  );
}
