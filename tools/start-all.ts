import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { APP_NODE_FLAGS, loadConfig, WeftConfig } from '@weft/config';
import { ensureDevKeys, ensureDevServiceKeys } from '@weft/gateway';

/** `npm start`: the three apps as three processes on one machine, as they run in production. */
const config = loadConfig(WeftConfig);
const apps = [
  { name: 'system-api', port: config.SYSTEM_API_PORT },
  { name: 'process-api', port: config.PROCESS_API_PORT },
  { name: 'experience-api', port: config.EXPERIENCE_API_PORT },
];
// Made once before the apps start: the channel key (stands in for the IdP) and the service key are two different keys.
if (!config.JWT_PUBLIC_KEY && !config.JWT_JWKS_URI) ensureDevKeys(config.DEV_KEYS_DIR);
if (!config.SERVICE_JWT_PRIVATE_KEY) ensureDevServiceKeys(config.DEV_KEYS_DIR);

const children: ChildProcess[] = [];
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}

async function waitReady(port: number): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (r.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function main(): Promise<void> {
  const started = Date.now();
  for (const app of apps) {
    const child = spawn(process.execPath, [...APP_NODE_FLAGS, join(__dirname, '..', 'apps', app.name, 'src', 'main.js')], {
      stdio: 'inherit',
      env: process.env,
    });
    child.on('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`${app.name} exited with code ${code}; stopping the others\n`);
        stop(code ?? 1);
      }
    });
    children.push(child);
  }
  const ready = await Promise.all(apps.map((a) => waitReady(a.port)));
  if (ready.some((r) => !r)) {
    process.stderr.write('Weft did not become ready in 60 s\n');
    stop(1);
    return;
  }
  const mode = config.embedded ? 'embedded (SQLite, in-process stores)' : 'PostgreSQL + Redis + NATS';
  const lines = [
    '',
    `Weft is up in ${((Date.now() - started) / 1000).toFixed(1)} s — mode: ${mode}`,
    ...apps.map((a) => `  ${a.name.padEnd(15)} http://127.0.0.1:${a.port}   docs /docs   health /health/ready`),
    '',
    'Development token (embedded key pair under ' + config.DEV_KEYS_DIR + '):',
    '  npm run token -- --sub storefront-eu --scope "orders:read orders:write"',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
void main();
