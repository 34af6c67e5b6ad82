import { dirname, join } from 'node:path';

/** A DTO class, as swagger and class-validator see it. */
export type DtoClass = abstract new (...args: never[]) => unknown;

type GetSchemaMetadata = (type: unknown) => { schemaName: string };

/** The factory @nestjs/swagger uses internally (not in its package exports: loaded by path, same module instance). */
function schemaObjectFactory(): { prototype: object } {
  const root = dirname(require.resolve('@nestjs/swagger/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(root, 'dist', 'services', 'schema-object-factory.js')) as { SchemaObjectFactory: { prototype: object } })
    .SchemaObjectFactory;
}

/**
 * @nestjs/swagger names a schema after its class: two DTO classes with one name silently become one
 * schema (the last wins) and the contract lies about one of them. Runs `build` while recording which
 * class each schema name came from, and reports names claimed by more than one class.
 */
export function withSchemaNameGuard<T>(build: () => T): { result: T; collisions: string[]; classes: Map<string, DtoClass> } {
  const proto = schemaObjectFactory().prototype as unknown as { getSchemaMetadata: GetSchemaMetadata };
  const original = proto.getSchemaMetadata;
  const owners = new Map<string, Set<unknown>>();
  proto.getSchemaMetadata = function (this: unknown, type: unknown) {
    const meta = original.call(this, type);
    owners.set(meta.schemaName, (owners.get(meta.schemaName) ?? new Set()).add(type));
    return meta;
  };
  try {
    const result = build();
    const collisions = [...owners]
      .filter(([, types]) => types.size > 1)
      .map(([name, types]) => `${name} (${types.size} classes)`)
      .sort();
    const classes = new Map([...owners].filter(([, types]) => types.size === 1).map(([name, types]) => [name, [...types][0] as DtoClass]));
    return { result, collisions, classes };
  } finally {
    proto.getSchemaMetadata = original;
  }
}
