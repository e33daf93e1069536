// ESLint: the recommended rules of ESLint and typescript-eslint, and the structure rules the code
// is held to (issue 16): nothing used before it is defined, at most 5 parameters, and functions of
// src/ at most 80 lines. Unused exports are knip's (knip.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'test/golden/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        setImmediate: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-use-before-define': [
        'error',
        { functions: false, classes: true, variables: true, ignoreTypeReferences: true },
      ],
      // `_`-named bindings are there to be left out (const { seeds: _s, ...rest } = summary).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests edit parsed JSON (summaries, shards) freely.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests may take a table's row as arguments (it.each) and run as long as their story needs.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/max-params': ['error', { max: 5 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
);
