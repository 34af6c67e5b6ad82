import { IsString } from 'class-validator';
import { ConfigValidationError, loadConfig } from '@weft/config';
import { isPlainObject, parseEnvJson, rawEnv } from '../inventory/env-json';
import { AttributeOwners, DEFAULT_ATTRIBUTE_OWNERS } from './attribute-ownership';
import { CUSTOMER_ATTRIBUTES, isCustomerSystem } from './customer-attributes';

class CustomersEnv {
  /** JSON: attribute → owning system, merged over the defaults; null removes an owner (last writer wins). */
  @IsString() CUSTOMER_ATTRIBUTE_OWNERS = '{}';
}

export class CustomersConfig {
  constructor(readonly owners: AttributeOwners) {}
}

export function parseAttributeOwners(text: string): AttributeOwners {
  const name = 'CUSTOMER_ATTRIBUTE_OWNERS';
  const raw = parseEnvJson(name, text);
  if (!isPlainObject(raw)) throw new ConfigValidationError([name], `${name}: must be an object of attribute → system`);
  const owners: Record<string, unknown> = { ...DEFAULT_ATTRIBUTE_OWNERS };
  for (const [attribute, system] of Object.entries(raw)) {
    if (!(CUSTOMER_ATTRIBUTES as readonly string[]).includes(attribute))
      throw new ConfigValidationError([name], `${name}: unknown attribute "${attribute}" (one of ${CUSTOMER_ATTRIBUTES.join(', ')})`);
    if (system === null) delete owners[attribute];
    else if (typeof system === 'string' && isCustomerSystem(system)) owners[attribute] = system;
    else throw new ConfigValidationError([name], `${name}.${attribute}: unknown system ${JSON.stringify(system)}`);
  }
  return owners as AttributeOwners;
}

export function loadCustomersConfig(config: object): CustomersConfig {
  return new CustomersConfig(parseAttributeOwners(loadConfig(CustomersEnv, rawEnv(config)).CUSTOMER_ATTRIBUTE_OWNERS));
}
