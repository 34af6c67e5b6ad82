import { getMetadataStorage } from 'class-validator';
import { isJson, Json } from './openapi-types';
import { DtoClass } from './schema-name-guard';

/** class-validator constraints the swagger plugin does not carry into the schema. */
const INT32 = 2 ** 31 - 1;

const REFINEMENTS: Record<string, (schema: Json) => void> = {
  isInt: (s) => {
    if (s.type === 'number') s.type = 'integer';
  },
  // class-validator names the @IsUUID() constraint `isUuid`.
  isUuid: (s) => {
    if (s.type !== 'string') return;
    s.format = 'uuid';
    s.maxLength = 36;
  },
};

/** int32 when @Min/@Max keep the value inside it, else int64: the OWASP rules want every integer's width stated. */
function integerFormat(s: Json): void {
  if (s.type !== 'integer' || s.format !== undefined) return;
  const min = typeof s.minimum === 'number' ? s.minimum : -Infinity;
  const max = typeof s.maximum === 'number' ? s.maximum : Infinity;
  s.format = min >= -INT32 - 1 && max <= INT32 ? 'int32' : 'int64';
}

/**
 * Tightens request schemas from the DTO classes' class-validator metadata: @IsInt() numbers become
 * integers (minor units, quantities) with an int32/int64 format, @IsUUID() strings get format uuid and length 36. `classes` maps schema name to class.
 */
export function refineFromValidators(schemas: Record<string, Json>, classes: Map<string, DtoClass>): void {
  const storage = getMetadataStorage();
  for (const [name, cls] of classes) {
    const props = schemas[name]?.properties;
    if (!isJson(props)) continue;
    for (const meta of storage.getTargetValidationMetadatas(cls, '', true, false)) {
      const refine = meta.name ? REFINEMENTS[meta.name] : undefined;
      const prop = props[meta.propertyName];
      if (!refine || !isJson(prop)) continue;
      if (meta.each && isJson(prop.items)) refine(prop.items);
      else if (!meta.each) refine(prop);
    }
    for (const prop of Object.values(props)) {
      if (!isJson(prop)) continue;
      integerFormat(prop);
      if (isJson(prop.items)) integerFormat(prop.items);
    }
  }
}
