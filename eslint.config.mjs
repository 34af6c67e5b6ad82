import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layers: an app imports libraries (@weft/<lib>), never another app by any path; a library never imports an app.
const APPS = ['experience-api', 'process-api', 'system-api'];
const LIBS_VIA_ALIAS = { group: ['**/libs/**'], message: 'Import libraries through @weft/<lib>.' };
const layerBlocks = [
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            LIBS_VIA_ALIAS,
            ...APPS.filter((other) => other !== app).map((other) => ({
              group: [`**/${other}`, `**/${other}/**`, '**/apps/**'],
              message: `${app} never imports ${other}: go through its API (libs/clients) or a library.`,
            })),
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            LIBS_VIA_ALIAS,
            { group: ['**/apps/**', ...APPS.flatMap((a) => [`**/${a}`, `**/${a}/**`])], message: 'A library never imports an app.' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '*.js', '*.mjs', 'openapi/client/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/libs/**'], message: 'Import libraries through @weft/<lib>.' },
            { group: ['**/apps/**'], message: 'An app never imports another app: go through its API or a library.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/testing/src/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tools/**/*.js', 'test/support/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', URL: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortSignal: 'readonly' },
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'chaos/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/libs/**'], message: 'Import libraries through @weft/<lib>.' }] }],
    },
  },
  ...layerBlocks,
);
