import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every run in the tests checks its invariants after each batch of events (see src/simulate/invariants.ts);
    // CLI runs the tests start inherit it.
    env: { POOLSIM_CHECK: '1' },
  },
});
