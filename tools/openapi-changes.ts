import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSpecs } from 'openapi-diff';
import { Json, OpenApiDocument, Operation, operationsOf } from '@weft/contracts';
import { ContractChange, ContractChangelog, listContractFiles } from '@weft/platform';
import { openApi30View } from './openapi-30-view';

type Entry = ContractChangelog[string];

function opIndex(doc: OpenApiDocument): Map<string, Operation> {
  return new Map(operationsOf(doc).map(({ path, method, operation }) => [`${method.toUpperCase()} ${path}`, operation]));
}

const paramKey = (p: Json): string => `${String(p.in)}:${p.in === 'header' ? String(p.name).toLowerCase() : String(p.name)}`;

/**
 * What openapi-diff does not classify but partners feel: a new required parameter, a parameter gone
 * (unknown query members are a 400 here), more scopes on an operation; and lifecycle news (deprecation).
 */
function requestChanges(released: OpenApiDocument, current: OpenApiDocument): ContractChange[] {
  const changes: ContractChange[] = [];
  const before = opIndex(released);
  for (const [key, op] of opIndex(current)) {
    const old = before.get(key);
    if (!old) continue;
    const oldParams = new Map((old.parameters ?? []).map((p) => [paramKey(p), p]));
    const newParams = new Map((op.parameters ?? []).map((p) => [paramKey(p), p]));
    for (const [k, p] of newParams) {
      const was = oldParams.get(k);
      if (p.required === true && was?.required !== true)
        changes.push({ kind: 'breaking', code: 'request.required.parameter.add', action: 'add', location: `${key} ${k}` });
      else if (!was) changes.push({ kind: 'non-breaking', code: 'request.optional.parameter.add', action: 'add', location: `${key} ${k}` });
    }
    for (const k of oldParams.keys())
      if (!newParams.has(k))
        changes.push({ kind: 'breaking', code: 'request.parameter.remove', action: 'remove', location: `${key} ${k}` });
    const scopes = (o: Operation): Set<string> => new Set((o.security ?? []).flatMap((s) => Object.values(s).flat()));
    const added = [...scopes(op)].filter((s) => !scopes(old).has(s));
    if (added.length > 0)
      changes.push({ kind: 'breaking', code: 'security.scope.add', action: 'add', location: `${key} ${added.join(' ')}` });
    if (op.deprecated && !old.deprecated) {
      const sunset = typeof op['x-sunset'] === 'string' ? ` sunset ${op['x-sunset']}` : '';
      changes.push({ kind: 'lifecycle', code: 'operation.deprecated', action: 'add', location: `${key}${sunset}` });
    }
  }
  return changes;
}

/** released -> current: openapi-diff's classified differences plus requestChanges(), sorted for stable output. */
export async function contractChanges(releasedText: string, currentText: string, location: string): Promise<Entry> {
  const released = JSON.parse(releasedText) as OpenApiDocument;
  const current = JSON.parse(currentText) as OpenApiDocument;
  const outcome = await diffSpecs({
    sourceSpec: { content: JSON.stringify(openApi30View(released)), location: `released/${location}`, format: 'openapi3' },
    destinationSpec: { content: JSON.stringify(openApi30View(current)), location, format: 'openapi3' },
  });
  const fromTool = [
    ...('breakingDifferences' in outcome ? outcome.breakingDifferences : []),
    ...outcome.nonBreakingDifferences,
    ...outcome.unclassifiedDifferences,
  ].map((d): ContractChange => ({
    kind: d.type,
    code: d.code,
    action: d.action,
    location: [...d.destinationSpecEntityDetails, ...d.sourceSpecEntityDetails]
      .map((e) => e.location)
      .filter((l, i, all) => all.indexOf(l) === i)
      .join(', '),
  }));
  const changes = [...fromTool, ...requestChanges(released, current)].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.location.localeCompare(b.location) || a.code.localeCompare(b.code),
  );
  return { releasedVersion: released.info.version, currentVersion: current.info.version, changes };
}

/**
 * The breaking-change gate: each current contract against its release in releasedDir (default
 * currentDir/released). A new major has no release and passes; a released major that disappeared fails.
 */
export async function breakingChangeGate(
  currentDir: string,
  releasedDir = join(currentDir, 'released'),
): Promise<{ report: string[]; failures: string[] }> {
  const current = listContractFiles(currentDir);
  const report: string[] = [];
  const failures: string[] = [];
  for (const r of listContractFiles(releasedDir)) {
    if (!current.some((c) => c.file === r.file))
      failures.push(`${r.file}: released, but the current contract is gone (retire it through the registry lifecycle first)`);
  }
  for (const c of current) {
    const releasedFile = join(releasedDir, c.file);
    if (!existsSync(releasedFile)) {
      report.push(`${c.file}: new major version, not released yet: nothing to break`);
      continue;
    }
    const entry = await contractChanges(readFileSync(releasedFile, 'utf8'), readFileSync(join(currentDir, c.file), 'utf8'), c.file);
    for (const ch of entry.changes) report.push(`${c.file}: ${ch.kind} ${ch.code} ${ch.location}`);
    const breaking = entry.changes.filter((ch) => ch.kind === 'breaking').length;
    if (breaking > 0)
      failures.push(
        `${c.file}: ${breaking} breaking change(s) against released ${entry.releasedVersion}; ship them as v${c.major + 1} (${c.service}.v${c.major + 1}.json) instead`,
      );
    else report.push(`${c.file}: no breaking changes against released ${entry.releasedVersion}`);
  }
  return { report, failures };
}
