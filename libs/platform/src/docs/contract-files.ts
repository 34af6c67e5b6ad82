import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** One API in openapi/registry.json: who owns it, how to build it, and the lifecycle of each major version. */
export interface ApiRegistryEntry {
  name: string;
  title: string;
  description: string;
  owner: { team: string; email: string };
  /** Module (relative to the build root) and export of the createXApi factory the generator builds the app with. */
  factory: { module: string; export: string };
  /** Whether the app calls a layer or system behind it (documents 502/504). */
  downstream: boolean;
  /** Major version -> lifecycle; a major not listed is active. */
  lifecycle: Record<string, { status: 'active' | 'deprecated' | 'retired'; sunsetAt?: string; successor?: string }>;
  /** Generate an openapi-typescript client into openapi/client/<name>.d.ts. */
  client?: boolean;
  /** Reached only by Weft's own layers (service tokens), never from outside: the servers' x-internal. */
  internal?: boolean;
}

export interface ApiRegistry {
  /** The app that serves /docs/contracts. */
  contractsIndex: string;
  apis: ApiRegistryEntry[];
}

export const REGISTRY_FILE = 'registry.json';
export const CHANGELOG_FILE = 'changelog.json';
const CONTRACT_FILE = /^([a-z][a-z0-9-]*)\.v(\d+)\.json$/;

/** openapi/ at the repository root: OPENAPI_DIR, else the first ancestor of this file or of cwd that has one. */
export function findOpenApiDir(configured?: string): string | undefined {
  if (configured) return resolve(configured);
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'openapi', REGISTRY_FILE))) return join(dir, 'openapi');
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

export function readRegistry(openapiDir: string): ApiRegistry {
  return JSON.parse(readFileSync(join(openapiDir, REGISTRY_FILE), 'utf8')) as ApiRegistry;
}

export function contractFileName(service: string, major: number): string {
  return `${service}.v${major}.json`;
}

export interface ContractFile {
  service: string;
  major: number;
  file: string;
}

/** The contract files in a directory (<service>.v<major>.json), sorted by service then major. */
export function listContractFiles(dir: string): ContractFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => ({ file, m: CONTRACT_FILE.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null)
    .map(({ file, m }) => ({ service: m[1], major: Number(m[2]), file }))
    .sort((a, b) => a.service.localeCompare(b.service) || a.major - b.major);
}
