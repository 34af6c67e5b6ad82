// Lets a child process run the apps' TypeScript directly (node -r ./test/support/ts-register.js
// apps/x/src/main.ts): the same swc settings Jest uses, and @weft/* resolved to libs/*/src.
// Compiled files are cached by content hash, so the second and third app start faster.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const tsConfigPaths = require('tsconfig-paths');

const root = join(__dirname, '..', '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
// No path rewriting by swc: tsconfig-paths resolves @weft/* at require time.
delete swcrc.jsc.baseUrl;
tsConfigPaths.register({ baseUrl: root, paths: { '@weft/*': ['libs/*/src'] } });
const cacheDir = join(tmpdir(), 'weft-ts-register-cache');
mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const cached = join(cacheDir, `${createHash('sha1').update(filename).update('\0').update(source).digest('hex')}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = transformSync(source, { ...swcrc, filename, swcrc: false }).code;
    // The apps start together and share the cache: write aside, then rename (atomic), so another process
    // never reads a half-written file (a truncated module made an app exit at start on a cold cache).
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  }
  module._compile(code, filename);
};
