import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every run in the tests checks its invariants after each batch of events (see src/simulate/invariants.ts);
    // CLI runs the tests start inherit it.
    env: { POOLSIM_CHECK: '1' },
    // The machines CI shares are noisy: a CLI test that takes 2 s alone can take 8 s under load.
    testTimeout: 30_000,
  },
});
