#!/usr/bin/env node
// The `axios-cxone-auth` bin. Everything happens in run.ts, which tests call without a process.
import { runDoctor } from './run.js';

void runDoctor({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
