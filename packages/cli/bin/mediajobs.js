#!/usr/bin/env node
// The `mediajobs` command. This file exists before the build, so that installing the workspace links the
// bin without a warning; the command itself is the built dist/cli.js.
import '../dist/cli.js';
