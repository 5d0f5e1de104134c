// Lint (npm run lint, and .ci/run): typescript-eslint with type information, on the sources and tests.
// tsc already rejects unused names (noUnusedLocals/Parameters); this adds what only types can tell:
// promises nobody waits for, conditions that are always true or false, and the like.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test/corpus/real/**',
      'test/e2e/**',
      'test/grammar/**',
      'scripts/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': 'off', // tsc: noUnusedLocals, noUnusedParameters
    },
  },
  {
    // node:test's describe() and test() return promises the runner itself awaits; tests read the CLI's JSON
    // and SARIF output, which is `any` by nature (the assertions are the type check there).
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
