#!/usr/bin/env node
// The `mediajobs` command: dist/cli.js calls `run` (src/program.ts) with the process's argv and streams.
import '../dist/cli.js';
