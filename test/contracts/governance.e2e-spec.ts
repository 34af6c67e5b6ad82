import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breakingChangeGate, contractChanges } from '../../tools/openapi-changes';

const ROOT = join(__dirname, '..', '..');
const SPECTRAL = join(ROOT, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');

interface SpectralResult {
  code: string;
  severity: number;
  path: string[];
}

/** Spectral with the repository ruleset; severity 0 is an error. */
function spectral(...files: string[]): SpectralResult[] {
  try {
    const out = execFileSync(
      process.execPath,
      [SPECTRAL, 'lint', '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet', ...files],
      { cwd: ROOT, encoding: 'utf8' },
    );
    return JSON.parse(out || '[]') as SpectralResult[];
  } catch (e) {
    return JSON.parse(String((e as { stdout?: string }).stdout || '[]')) as SpectralResult[];
  }
}

const errorCodes = (results: SpectralResult[]): string[] => [...new Set(results.filter((r) => r.severity === 0).map((r) => r.code))].sort();

describe('API governance gates', () => {
  it('the committed contracts pass the ruleset without errors', () => {
    expect(errorCodes(spectral('openapi/experience-api.v1.json', 'openapi/process-api.v1.json', 'openapi/system-api.v1.json'))).toEqual([]);
  });

  it('the ruleset fails a contract that breaks each Weft rule', () => {
    expect(errorCodes(spectral('test/contracts/fixtures/experience-api.broken.json'))).toEqual(
      expect.arrayContaining([
        'weft-create-is-idempotent',
        'weft-errors-are-problem-json',
        'weft-errors-reference-problem',
        'weft-operation-security',
        'weft-operation-summary',
        'weft-paths-kebab-case',
        'weft-paths-versioned',
        'weft-schema-properties-camel-case',
      ]),
    );
  });

  describe('breaking-change diff (openapi-diff plus request checks)', () => {
    const releasedText = readFileSync(join(ROOT, 'openapi', 'released', 'experience-api.v1.json'), 'utf8');

    it('finds nothing breaking between a contract and itself', async () => {
      const entry = await contractChanges(releasedText, releasedText, 'experience-api.v1.json');
      expect(entry.changes.filter((c) => c.kind === 'breaking')).toEqual([]);
    });

    it('the gate fails a broken v1, and passes the same change shipped as a new v2 beside an unchanged v1', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'weft-gate-'));
      mkdirSync(join(dir, 'released'));
      writeFileSync(join(dir, 'released', 'experience-api.v1.json'), releasedText);
      const broken = JSON.parse(releasedText) as { paths: Record<string, unknown> };
      delete broken.paths['/v1/orders/{id}'];
      writeFileSync(join(dir, 'experience-api.v1.json'), JSON.stringify(broken));
      expect((await breakingChangeGate(dir)).failures).toEqual([
        expect.stringMatching(/^experience-api\.v1\.json: \d+ breaking change\(s\).*experience-api\.v2\.json/),
      ]);

      writeFileSync(join(dir, 'experience-api.v1.json'), releasedText);
      writeFileSync(join(dir, 'experience-api.v2.json'), JSON.stringify(broken));
      const gate = await breakingChangeGate(dir);
      expect(gate.failures).toEqual([]);
      expect(gate.report).toContain('experience-api.v2.json: new major version, not released yet: nothing to break');
    }, 60_000);

    it('reports a removed operation, a new required parameter, a narrowed response and a new scope as breaking', async () => {
      const doc = JSON.parse(releasedText) as {
        paths: Record<string, Record<string, { parameters?: unknown[]; security?: Record<string, string[]>[] }>>;
        components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> };
      };
      delete doc.paths['/v1/orders/{id}'];
      doc.paths['/v1/orders'].get.parameters!.push({ name: 'channelId', in: 'query', required: true, schema: { type: 'string' } });
      doc.paths['/v1/orders'].get.security = [{ bearer: ['orders:read', 'ops:read'] }];
      delete doc.components.schemas.OrderDto.properties.state;
      doc.components.schemas.OrderDto.required = doc.components.schemas.OrderDto.required.filter((r) => r !== 'state');
      const entry = await contractChanges(releasedText, JSON.stringify(doc), 'experience-api.v1.json');
      const breaking = entry.changes.filter((c) => c.kind === 'breaking').map((c) => c.code);
      expect(breaking).toEqual(
        expect.arrayContaining(['path.remove', 'request.required.parameter.add', 'response.body.scope.add', 'security.scope.add']),
      );
    }, 60_000);
  });
});
