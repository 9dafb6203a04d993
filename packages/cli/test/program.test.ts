// `run`, the program in a caller's process: what it keeps of a run once the run is over.
import { describe, expect, it } from 'vitest';
import { redactor } from '../src/common.js';
import { runCli } from './run-cli.js';

describe('run', () => {
  it('redacts the keys of the environment it is given only while that run lasts, then lets go of them', async () => {
    const key = 'program-test-key-4f2a9c';
    const { code } = await runCli(['kinds'], { env: { PATH: process.env.PATH ?? '', TAVUS_API_KEY: key } });
    expect(code).toBe(0);
    // A long-lived caller's later output is not redacted for an earlier run's keys (nor are they kept).
    expect(redactor.text(`key ${key}`)).toBe(`key ${key}`);
  });
});
