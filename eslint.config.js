// ESLint: the rules a formatter cannot check. Prettier owns layout (npm run format).
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const features = [
  'accounts',
  'admin',
  'export',
  'help',
  'marketplace',
  'messages',
  'privacy',
  'profiles',
  'retention',
  'security',
  'seed',
  'sns',
  'support',
  'trust',
  'withdrawal',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'migrations/**', 'src/platform/web/static/**', 'screenshots/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      // A cycle means two ideas share one home: split them (see ARCHITECTURE.md).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Result<{}, E>: a command that succeeds with nothing to add.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Platform is plumbing every feature uses; it must not know any of them (tests drive the whole app).
    files: ['src/platform/**/*.ts', 'src/platform/**/*.tsx'],
    ignores: ['src/platform/**/*.test.ts', 'src/platform/**/*.test.tsx'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/platform',
              from: [
                ...features.map((f) => `./src/${f}`),
                ...['app.tsx', 'dictionary.ts', 'jobs.ts', 'main.ts', 'runtime.ts', 'schema.ts'].map(
                  (f) => `./src/${f}`,
                ),
              ],
              message:
                'src/platform imports no feature: move the shared piece into platform, or the wiring beside main.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: { 'max-lines': 'off' },
  },
);
