import { ApiRegistry } from './contract-files';
import { escapeHtml } from './html';

/** One change between the released and the current contract, as tools/generate-openapi writes it to changelog.json. */
export interface ContractChange {
  kind: 'breaking' | 'non-breaking' | 'unclassified' | 'lifecycle';
  code: string;
  action: string;
  location: string;
}

export interface ContractChangelog {
  [contractFile: string]: { releasedVersion: string | null; currentVersion: string; changes: ContractChange[] };
}

export interface IndexedContract {
  service: string;
  major: number;
  file: string;
  document: {
    info?: { version?: string };
    paths?: Record<string, Record<string, { deprecated?: boolean; operationId?: string; 'x-sunset'?: string }>>;
  };
}

interface Row {
  contract: IndexedContract;
  operations: number;
  deprecated: { operationId: string; sunset?: string }[];
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

function summarise(contract: IndexedContract): Row {
  const ops = Object.values(contract.document.paths ?? {}).flatMap((item) =>
    Object.entries(item)
      .filter(([m]) => METHODS.has(m))
      .map(([, op]) => op),
  );
  return {
    contract,
    operations: ops.length,
    deprecated: ops.filter((o) => o.deprecated).map((o) => ({ operationId: o.operationId ?? '?', sunset: o['x-sunset'] })),
  };
}

function changelogHtml(entry: ContractChangelog[string] | undefined): string {
  if (!entry) return '<p class="muted">Not released yet: no released contract to compare with.</p>';
  if (entry.changes.length === 0) return `<p class="muted">No changes since the released ${escapeHtml(entry.releasedVersion)}.</p>`;
  const items = entry.changes
    .map(
      (c) =>
        `<li class="${escapeHtml(c.kind)}"><strong>${escapeHtml(c.kind)}</strong> ${escapeHtml(c.code)} (${escapeHtml(c.action)}) <code>${escapeHtml(c.location)}</code></li>`,
    )
    .join('\n');
  return `<p>Released ${escapeHtml(entry.releasedVersion)} &rarr; current ${escapeHtml(entry.currentVersion)}:</p><ul class="changes">${items}</ul>`;
}

/** The contracts index: every API, version, lifecycle, owner, and the generated changelog against the release. */
export function contractsIndexPage(registry: ApiRegistry, contracts: IndexedContract[], changelog: ContractChangelog): string {
  const sections = registry.apis.map((api) => {
    const rows = contracts.filter((c) => c.service === api.name).map(summarise);
    const body = rows
      .map((r) => {
        const life = api.lifecycle[String(r.contract.major)] ?? { status: 'active' };
        const sunset = life.sunsetAt ? ` &middot; sunset <time>${escapeHtml(life.sunsetAt)}</time>` : '';
        const deprecatedOps = r.deprecated.length
          ? `<p>Deprecated operations: ${r.deprecated.map((d) => `<code>${escapeHtml(d.operationId)}</code>${d.sunset ? ` (sunset ${escapeHtml(d.sunset)})` : ''}`).join(', ')}</p>`
          : '';
        return `<tr data-contract="${escapeHtml(r.contract.file)}">
<td><code>${escapeHtml(r.contract.file)}</code></td>
<td>v${r.contract.major} (${escapeHtml(r.contract.document.info?.version ?? '?')})</td>
<td class="status-${escapeHtml(life.status)}">${escapeHtml(life.status)}${sunset}</td>
<td>${r.operations}</td>
<td>${deprecatedOps}${changelogHtml(changelog[r.contract.file])}</td>
</tr>`;
      })
      .join('\n');
    return `<section id="${escapeHtml(api.name)}">
<h2>${escapeHtml(api.title)} <small>(${escapeHtml(api.name)})</small></h2>
<p>${escapeHtml(api.description)}</p>
<p>Owner: ${escapeHtml(api.owner.team)} &lt;<a href="mailto:${escapeHtml(api.owner.email)}">${escapeHtml(api.owner.email)}</a>&gt;</p>
<table><thead><tr><th>Contract</th><th>Version</th><th>Lifecycle</th><th>Operations</th><th>Changes since release</th></tr></thead>
<tbody>${body || '<tr><td colspan="5">No contract committed.</td></tr>'}</tbody></table>
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Weft API contracts</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}.muted{color:#666}
.breaking{color:#a00}.status-deprecated,.status-retired{color:#a60}
</style>
</head>
<body>
<h1>Weft API contracts</h1>
<p>Generated from the committed OpenAPI files; the changelog is computed by diffing each contract against its release in openapi/released.</p>
${sections.join('\n')}
</body>
</html>
`;
}
