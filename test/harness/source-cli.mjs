// Runs the CLI from its TypeScript source through tsx: tests check the code as it is now, never a
// stale build in dist/ (test/ops/package.test.ts checks the compiled bin).
import { register } from 'tsx/esm/api';

register();
await import('../../src/cli/main.ts');
