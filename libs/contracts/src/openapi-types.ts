/** The slice of OpenAPI 3.1 the generator reads and writes; everything else passes through untouched. */
export type Json = Record<string, unknown>;

export interface Operation extends Json {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Json[];
  requestBody?: { required?: boolean; content?: Record<string, Json> };
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
  deprecated?: boolean;
}

export interface Response extends Json {
  description: string;
  headers?: Record<string, Json>;
  content?: Record<string, Json>;
}

export interface OpenApiDocument extends Json {
  openapi: string;
  info: Json & { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: Json & { schemas?: Record<string, Json>; securitySchemes?: Record<string, Json>; headers?: Record<string, Json> };
  tags?: { name: string; description?: string }[];
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every (path, method, operation) of a document. */
export function operationsOf(doc: Pick<OpenApiDocument, 'paths'>): { path: string; method: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m] !== undefined).map((method) => ({ path, method, operation: item[method] })),
  );
}
