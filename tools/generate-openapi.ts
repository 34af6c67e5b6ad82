import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WeftConfig } from '@weft/config';
// @weft/platform before @weft/contracts: the apps load platform before gateway, and so must this tool.
import {
  ApiRegistryEntry,
  CHANGELOG_FILE,
  contractFileName,
  ContractChangelog,
  findOpenApiDir,
  listContractFiles,
  readRegistry,
} from '@weft/platform';
import { canonicalJson, DemoCatalogItem, generateContracts } from '@weft/contracts';
import { contractChanges } from './openapi-changes';

type Factory = (env: NodeJS.ProcessEnv) => Promise<{ app: INestApplication; config: WeftConfig }>;

/** The compiled factory named in the registry; required from the build so the swagger CLI plugin metadata is there. */
function loadFactory(buildRoot: string, api: ApiRegistryEntry): Factory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(buildRoot, api.factory.module)) as Record<string, unknown>;
  const factory = mod[api.factory.export];
  if (typeof factory !== 'function') throw new Error(`${api.factory.module} does not export ${api.factory.export}`);
  return factory as Factory;
}

/** Embedded mode in a temporary directory: no Redis, PostgreSQL or NATS, no developer data touched. */
function generationEnv(repoRoot: string, openapiDir: string, scratch: string): NodeJS.ProcessEnv {
  const deprecations = join(repoRoot, 'config', 'deprecations.json');
  return {
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    WEFT_DATA_DIR: join(scratch, 'data'),
    DEV_KEYS_DIR: join(scratch, 'keys'),
    OPENAPI_DIR: openapiDir,
    DEPRECATIONS: existsSync(deprecations) ? JSON.stringify(JSON.parse(readFileSync(deprecations, 'utf8'))) : '[]',
  };
}

function writeClient(outDir: string, contract: string, name: string): string {
  const pkg = require.resolve('openapi-typescript/package.json');
  const target = join(outDir, 'client', `${name}.d.ts`);
  mkdirSync(dirname(target), { recursive: true });
  execFileSync(process.execPath, [join(dirname(pkg), 'bin', 'cli.js'), contract, '--output', target], { stdio: 'pipe' });
  return target;
}

/** Every file under dir, relative, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), base) : [relative(base, join(dir, e.name))]))
    .sort();
}

/** Nest logs start-up failures and exits; generation wants the error itself, so creation throws instead. */
function throwOnStartupError(): void {
  type Create = (module: unknown, adapter: unknown, options?: object) => Promise<unknown>;
  const create = NestFactory.create.bind(NestFactory) as Create;
  (NestFactory as unknown as { create: Create }).create = (module, adapter, options) =>
    create(module, adapter, { ...options, abortOnError: false });
}

/** One app, in its own process (apps register process-wide state such as metrics): writes its contracts to outDir. */
async function generateApp(api: ApiRegistryEntry, outDir: string, openapiDir: string, repoRoot: string, buildRoot: string): Promise<void> {
  const catalog = JSON.parse(readFileSync(join(repoRoot, 'config', 'demo-catalog.json'), 'utf8')) as DemoCatalogItem[];
  const scratch = mkdtempSync(join(tmpdir(), 'weft-openapi-'));
  throwOnStartupError();
  try {
    const { app, config } = await loadFactory(buildRoot, api)(generationEnv(repoRoot, openapiDir, scratch));
    try {
      const { documents, warnings } = generateContracts(app, { api, config, catalog });
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      for (const [major, doc] of documents) writeFileSync(join(outDir, contractFileName(api.name, major)), canonicalJson(doc));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function generate(outDir: string, openapiDir: string): Promise<string[]> {
  const registry = readRegistry(openapiDir);
  for (const f of listContractFiles(outDir)) rmSync(join(outDir, f.file));
  rmSync(join(outDir, 'client'), { recursive: true, force: true });
  for (const api of registry.apis) {
    execFileSync(process.execPath, [__filename, '--app', api.name, '--out', outDir], {
      stdio: 'inherit',
      env: { ...process.env, OPENAPI_DIR: openapiDir },
    });
  }
  const written: string[] = [];
  for (const c of listContractFiles(outDir)) {
    written.push(join(outDir, c.file));
    if (registry.apis.find((a) => a.name === c.service)?.client)
      written.push(writeClient(outDir, join(outDir, c.file), `${c.service}.v${c.major}`));
  }
  const changelog: ContractChangelog = {};
  for (const c of listContractFiles(outDir)) {
    const released = join(openapiDir, 'released', c.file);
    if (!existsSync(released)) continue;
    changelog[c.file] = await contractChanges(readFileSync(released, 'utf8'), readFileSync(join(outDir, c.file), 'utf8'), c.file);
  }
  const changelogFile = join(outDir, CHANGELOG_FILE);
  writeFileSync(changelogFile, canonicalJson(changelog));
  written.push(changelogFile);
  return written;
}

/** Generated artefacts in openapi/ (released/ and registry.json are inputs, not outputs). */
function generatedFiles(dir: string): string[] {
  return filesUnder(dir).filter((f) => /^[a-z0-9-]+\.v\d+\.json$/.test(f) || f === CHANGELOG_FILE || f.startsWith('client/'));
}

/**
 * `npm run openapi`: regenerates openapi/<app>.v<n>.json, openapi/client/*.d.ts and openapi/changelog.json
 * from the built apps. `--check` generates into a temporary directory and exits 1, listing the files, when
 * the committed ones differ.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, app: { type: 'string' }, out: { type: 'string' } },
  });
  const openapiDir = findOpenApiDir(process.env.OPENAPI_DIR);
  if (!openapiDir) throw new Error('openapi/registry.json not found');
  const repoRoot = dirname(openapiDir);
  if (values.app) {
    const api = readRegistry(openapiDir).apis.find((a) => a.name === values.app);
    if (!api) throw new Error(`${values.app} is not in openapi/registry.json`);
    await generateApp(api, values.out ?? openapiDir, openapiDir, repoRoot, resolve(__dirname, '..'));
    return;
  }
  if (!values.check) {
    const written = await generate(openapiDir, openapiDir);
    for (const f of written) process.stdout.write(`wrote ${relative(repoRoot, f)}\n`);
    return;
  }
  const out = mkdtempSync(join(tmpdir(), 'weft-openapi-check-'));
  try {
    await generate(out, openapiDir);
    const names = [...new Set([...generatedFiles(out), ...generatedFiles(openapiDir)])].sort();
    const differing = names.filter(
      (f) =>
        !existsSync(join(out, f)) ||
        !existsSync(join(openapiDir, f)) ||
        readFileSync(join(out, f), 'utf8') !== readFileSync(join(openapiDir, f), 'utf8'),
    );
    if (differing.length > 0) {
      process.stderr.write(
        `OpenAPI contracts are out of date with the code; run \`npm run openapi\` and commit:\n${differing.map((f) => `  openapi/${f}\n`).join('')}`,
      );
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`openapi: ${names.length} generated files match the code\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
