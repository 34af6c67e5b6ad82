import { LayerClient } from '@weft/clients';
import { loadConfig, WeftConfig } from '@weft/config';
import { ServiceTokenSigner } from '@weft/gateway';

/**
 * Operator CLIs call the layers like the layers call each other: a short-lived service token signed
 * with the deployment's service key (SERVICE_JWT_PRIVATE_KEY, or the development key pair).
 */
export function layerClient(layer: 'process' | 'system'): LayerClient {
  const config = loadConfig(WeftConfig);
  const signer = new ServiceTokenSigner(config);
  return layer === 'process'
    ? new LayerClient(
        {
          caller: 'weft-cli',
          audience: 'process-api',
          baseUrl: config.processApiUrl,
          timeoutMs: 120_000,
          scope: 'process:read process:write',
        },
        signer,
      )
    : new LayerClient(
        { caller: 'weft-cli', audience: 'system-api', baseUrl: config.systemApiUrl, timeoutMs: 60_000, scope: 'system:read system:write' },
        signer,
      );
}

/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per update otherwise). */
export function progressBar(total: number): (done: number, note: string) => void {
  const width = 30;
  return (done, note) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${note}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else process.stderr.write(`${line}\n`);
  };
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
