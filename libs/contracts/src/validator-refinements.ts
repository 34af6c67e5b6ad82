import { getMetadataStorage } from 'class-validator';
import { isJson, Json } from './openapi-types';
import { DtoClass } from './schema-name-guard';

/** class-validator constraints the swagger plugin does not carry into the schema. */
const REFINEMENTS: Record<string, (schema: Json) => void> = {
  isInt: (s) => {
    if (s.type === 'number') s.type = 'integer';
  },
  isUUID: (s) => {
    if (s.type === 'string') s.format = 'uuid';
  },
};

/**
 * Tightens request schemas from the DTO classes' class-validator metadata: @IsInt() numbers become
 * integers (minor units, quantities), @IsUUID() strings get format uuid. `classes` maps schema name to class.
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
  }
}
