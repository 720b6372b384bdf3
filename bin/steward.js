#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the repository runs as it is checked out.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
