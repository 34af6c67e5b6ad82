import { parseArgs } from 'node:util';
import { findOpenApiDir } from '@weft/platform';
import { breakingChangeGate } from './openapi-changes';

/**
 * `npm run openapi:diff`: every current contract against its release (openapi/released/<app>.v<n>.json).
 * A breaking change fails (exit 1) unless it ships as a new major (a new <app>.v<n+1>.json file, which has
 * no release to break); a released major whose contract disappeared fails too.
 * --current/--released point at other directories.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { current: { type: 'string' }, released: { type: 'string' } } });
  const currentDir = values.current ?? findOpenApiDir(process.env.OPENAPI_DIR);
  if (!currentDir) throw new Error('openapi/ not found');
  const { report, failures } = await breakingChangeGate(currentDir, values.released);
  for (const line of report) process.stdout.write(`${line}\n`);
  if (failures.length > 0) {
    process.stderr.write(`Breaking API changes:\n${failures.map((f) => `  ${f}\n`).join('')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
