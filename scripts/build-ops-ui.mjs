// Bundles the operations dashboard (apps/experience-api/ops-ui) into static files that experience-api
// serves at /ops: one script, one stylesheet, one page, nothing fetched from elsewhere at run time.
// Usage: node scripts/build-ops-ui.mjs [outDir]   (default dist/ops-ui; npm run build calls it)
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'apps', 'experience-api', 'ops-ui');
const out = resolve(process.argv[2] ?? join(root, 'dist', 'ops-ui'));

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(src, 'src', 'main.tsx')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css']) copyFileSync(join(src, f), join(out, f));
console.log(`ops dashboard bundled into ${out}`);
