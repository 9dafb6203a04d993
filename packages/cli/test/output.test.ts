// What the CLI prints: the progress bar on a terminal, the lines for people, and the escapes that keep
// text from outside from acting on the terminal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Counts, humanLine, printable, Reporter } from '../src/output.js';
import type { Receipt } from '../src/receipts.js';

/** A stream that records what is written to it; a terminal when `isTTY`. */
function stream(isTTY: boolean) {
  const out = {
    text: '',
    isTTY,
    columns: 200,
    write: (chunk: string) => {
      out.text += chunk;
      return true;
    },
  };
  return out;
}

const AT = '2026-01-01T00:00:00.000Z';
const counts = (done: number, failed = 0): Counts => ({ done, ok: done - failed, failed, skipped: 0 });
const deleted = (id: string): Receipt => ({ provider: 'tavus', kind: 'video', id, ok: true, at: AT });

afterEach(() => {
  vi.useRealTimers();
});

describe('Reporter.throttling', () => {
  it('names each throttling vendor with the rate it is sent at, and nothing for the others', () => {
    const reporter = new Reporter({ stdout: { write: () => true }, stderr: { write: () => true } }, false, undefined);
    expect(reporter.throttling()).toBe('');
    reporter.vendors.add('tavus');
    reporter.vendors.add('bifrost');
    reporter.rates = (provider) =>
      provider === 'tavus'
        ? { requestsPerSecond: 41, throttled: true }
        : { requestsPerSecond: undefined, throttled: false };
    expect(reporter.throttling()).toBe(' | tavus throttled, 41 req/s');
  });

  it('names every vendor throttling at once, one after the other', () => {
    const reporter = new Reporter({ stdout: { write: () => true }, stderr: { write: () => true } }, false, undefined);
    reporter.vendors.add('tavus');
    reporter.vendors.add('a2e');
    reporter.rates = (provider) => ({ requestsPerSecond: provider === 'tavus' ? 41 : undefined, throttled: true });
    expect(reporter.throttling()).toBe(' | tavus throttled, 41 req/s | a2e throttled, ? req/s');
  });

  it('is empty while no rates are known, even with vendors seen', () => {
    const reporter = new Reporter({ stdout: { write: () => true }, stderr: { write: () => true } }, false, undefined);
    reporter.vendors.add('tavus');
    expect(reporter.throttling()).toBe('');
  });
});

describe('Reporter progress bar', () => {
  it('shows done of the total, the rate and the failures on the terminal, with the cursor hidden meanwhile', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const stdout = stream(false);
    const stderr = stream(true);
    const reporter = new Reporter({ stdout, stderr }, false, { total: 10 });
    try {
      vi.advanceTimersByTime(2000);
      reporter.outcome(deleted('v-1'), counts(4, 1));
    } finally {
      reporter.summary('4 done');
    }
    expect(stderr.text).toContain('\x1b[?25l');
    expect(stderr.text).toMatch(/deleting \S+ 4\/10 \| 2\.0\/s \| ETA \S+ \| 1 failed/);
    // Shown again once the bar is done.
    expect(stderr.text.lastIndexOf('\x1b[?25h')).toBeGreaterThan(stderr.text.lastIndexOf('\x1b[?25l'));
    expect(stdout.text).toBe('deleted  tavus video v-1\n4 done\n');
  });

  it('shows 0/s and no failures before the first outcome', () => {
    const stderr = stream(true);
    const reporter = new Reporter({ stdout: stream(false), stderr }, false, { total: 10 });
    reporter.summary('nothing done');
    expect(stderr.text).toMatch(/deleting \S+ 0\/10 \| 0\/s \| ETA \S+ \| 0 failed(\s|\x1b|$)/);
  });

  it('counts what is done, without a bar or an ETA, when the total is unknown', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const stderr = stream(true);
    const reporter = new Reporter({ stdout: stream(false), stderr }, false, {});
    try {
      vi.advanceTimersByTime(1000);
      reporter.outcome(deleted('v-1'), counts(3));
    } finally {
      reporter.summary('3 done');
    }
    expect(stderr.text).toMatch(/deleting 3 done \| 3\.0\/s \| 0 failed/);
    expect(stderr.text).not.toContain('ETA');
  });

  it('shows a rate of 0, not Infinity, for outcomes in the very first instant', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const stderr = stream(true);
    const reporter = new Reporter({ stdout: stream(false), stderr }, false, { total: 10 });
    try {
      reporter.outcome(deleted('v-1'), counts(2));
    } finally {
      reporter.summary('2 done');
    }
    expect(stderr.text).toContain('2/10 | 0/s |');
  });

  it('puts the lines above the bar when stdout is the terminal too, the last ones before the summary included', () => {
    const stdout = stream(true);
    const stderr = stream(true);
    const reporter = new Reporter({ stdout, stderr }, false, { total: 2 });
    try {
      reporter.outcome(deleted('v-1'), counts(1));
    } finally {
      reporter.summary('1 done');
    }
    // Printed through the bar (on stderr), so the bar is redrawn below it rather than torn.
    expect(stdout.text).toBe('1 done\n');
    expect(stderr.text).toContain('deleted  tavus video v-1\n');
  });

  it('writes the lines to stdout when stdout is piped and only stderr shows the bar', () => {
    const stdout = stream(false);
    const stderr = stream(true);
    const reporter = new Reporter({ stdout, stderr }, false, { total: 2 });
    try {
      reporter.line('a line');
    } finally {
      reporter.summary('done');
    }
    expect(stdout.text).toBe('a line\ndone\n');
  });

  it('writes the lines to a terminal stdout when no bar shows', () => {
    const stdout = stream(true);
    const reporter = new Reporter({ stdout, stderr: stream(true) }, false, undefined);
    reporter.line('a line');
    expect(stdout.text).toBe('a line\n');
  });
});

describe('Reporter.elapsedSeconds', () => {
  it('is the seconds since the reporter was made, to a tenth', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const reporter = new Reporter({ stdout: stream(false), stderr: stream(false) }, false, undefined);
    vi.advanceTimersByTime(2345);
    expect(reporter.elapsedSeconds()).toBe('2.3');
  });
});

describe('humanLine', () => {
  it('names the vendor, the kind and the id of a deleted ref', () => {
    expect(humanLine(deleted('8a4f94e736'))).toBe('deleted  tavus video 8a4f94e736');
    expect(humanLine({ provider: 'tavus', id: '8a4f94e736', ok: true, at: AT })).toBe('deleted  tavus 8a4f94e736');
  });

  it('marks what the ref does not say: no vendor as ?, no id as (no id)', () => {
    expect(humanLine({ ok: true, at: AT })).toBe('deleted  ? (no id)');
  });

  it('gives a failure with its input line, its error name and message', () => {
    const line = humanLine({
      provider: 'tavus',
      id: 'v-1',
      ok: false,
      line: 3,
      error: { name: 'NotFoundError', message: 'tavus: HTTP 404' },
      at: AT,
    });
    expect(line).toBe('FAILED   tavus v-1 (line 3): NotFoundError: tavus: HTTP 404');
  });

  it('still prints a failed receipt that has no error details (one edited by hand)', () => {
    expect(humanLine({ provider: 'tavus', id: 'v-1', ok: false, at: AT })).toMatch(/^FAILED {3}tavus v-1: /);
  });

  it('escapes control characters in a vendor message, so they cannot act on the terminal', () => {
    const line = humanLine({
      provider: 'tavus',
      id: 'v-1',
      ok: false,
      error: { name: 'ServerError', message: 'bad\r\x1b[2Jnews' },
      at: AT,
    });
    expect(line).toBe('FAILED   tavus v-1: ServerError: bad\\r\\x1b[2Jnews');
  });
});

describe('printable', () => {
  it('shows line breaks and tabs as their escapes', () => {
    expect(printable('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
  });

  it('shows other C0 and C1 controls and DEL as two-digit \\x escapes', () => {
    expect(printable('\x00\x1b\x7f\x9f')).toBe('\\x00\\x1b\\x7f\\x9f');
  });

  it('shows the bidirectional overrides as four-digit \\u escapes', () => {
    expect(printable('a\u061cb\u202ec')).toBe('a\\u061cb\\u202ec');
  });

  it('leaves printable text, accented and non-Latin letters included, as it is', () => {
    expect(printable('vidéo ü 動画 ✓')).toBe('vidéo ü 動画 ✓');
  });
});
