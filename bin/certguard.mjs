#!/usr/bin/env -S node --max-semi-space-size=48
// The `certguard` command. TypeScript sources run through tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
