// What the CLI prints: human lines or JSON lines on stdout, a progress bar on stderr when stderr is
// a terminal. What reaches it has passed the CLI's redactor (cli.ts), so it holds no API key.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Provider, RateState } from 'mediajobs';
import type { Output } from './io.js';
import type { Receipt } from './receipts.js';

export interface Counts {
  done: number;
  ok: number;
  failed: number;
  skipped: number;
}

export class Reporter {
  private readonly bars?: MultiBar;
  private readonly bar?: SingleBar;
  private readonly started = Date.now();
  /** The vendors seen so far, and where to read their rate: for "tavus throttled, 41 req/s". */
  readonly vendors = new Set<Provider>();
  rates?: (provider: Provider) => RateState;

  constructor(
    private readonly out: { stdout: Output; stderr: Output },
    private readonly json: boolean,
    /** Given when a progress bar should show (the caller checks that stderr is a terminal). */
    progress: { total?: number } | undefined,
  ) {
    if (progress) {
      const known = progress.total !== undefined;
      this.bars = new MultiBar(
        {
          stream: out.stderr as NodeJS.WritableStream,
          hideCursor: true,
          etaBuffer: 200,
          format: known
            ? 'deleting {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | {failed} failed{throttle}'
            : 'deleting {value} done | {rate}/s | {failed} failed{throttle}',
        },
        Presets.shades_classic,
      );
      this.bar = this.bars.create(progress.total ?? 0, 0, { rate: '0', failed: 0, throttle: '' });
    }
  }

  /** One ref's outcome: a JSON line, or a human line. */
  outcome(receipt: Receipt, counts: Counts): void {
    if (this.json) this.out.stdout.write(`${JSON.stringify(receipt)}\n`);
    else this.line(humanLine(receipt));
    const seconds = (Date.now() - this.started) / 1000;
    this.bar?.update(counts.done, {
      rate: seconds > 0 ? (counts.done / seconds).toFixed(1) : '0',
      failed: counts.failed,
      throttle: this.throttling(),
    });
  }

  /** A line for a person; above the progress bar when both share the terminal. */
  line(text: string): void {
    if (this.bars && this.out.stdout.isTTY) this.bars.log(`${text}\n`);
    else this.out.stdout.write(`${text}\n`);
  }

  /** The closing summary: on stdout for people, on stderr when stdout carries JSON lines. */
  summary(text: string): void {
    // The lines given to the bar since its last redraw wait in its buffer, which stop() alone drops.
    this.bars?.update();
    this.bars?.stop();
    (this.json ? this.out.stderr : this.out.stdout).write(`${text}\n`);
  }

  /** " | tavus throttled, 41 req/s" for each vendor throttling now; empty when none is. */
  throttling(): string {
    const rates = this.rates;
    if (!rates) return '';
    return [...this.vendors]
      .map((provider) => ({ provider, ...rates(provider) }))
      .filter((state) => state.throttled)
      .map((state) => ` | ${state.provider} throttled, ${state.requestsPerSecond ?? '?'} req/s`)
      .join('');
  }

  elapsedSeconds(): string {
    return ((Date.now() - this.started) / 1000).toFixed(1);
  }
}

/** What a receipt says to a person: `deleted  tavus 8a4f94e736`, or `FAILED ...` with the reason. */
export function humanLine(receipt: Receipt): string {
  const ref = printable([receipt.provider ?? '?', receipt.kind, receipt.id || '(no id)'].filter(Boolean).join(' '));
  if (receipt.ok) return `deleted  ${ref}`;
  const where = receipt.line !== undefined ? ` (line ${receipt.line})` : '';
  return `FAILED   ${ref}${where}: ${printable(`${receipt.error?.name}: ${receipt.error?.message}`)}`;
}

// C0 and C1 controls (ESC starts ANSI and OSC sequences; CR and BS overwrite what was printed), DEL,
// and the bidirectional overrides that reorder what a terminal shows.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from outside (a vendor's message, a job's id or URLs, an input file) made safe for a terminal:
 * each control character is shown as an escape (`\x1b`, `\n`, `\u202e`) instead of acting on the
 * terminal. JSON output is left exact: it is for programs, and its strings already escape C0 controls.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
