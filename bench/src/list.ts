// Listing memory (pnpm bench --only=list): jobs.list streams page by page, so its peak RSS should
// grow only by the ids it keeps to drop repeats. Each size runs in its own process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./list-run.js', import.meta.url));

export interface ListRow {
  jobs: number;
  listed: number;
  seconds: number;
  jobsPerSecond: number;
  peakRssMB: number;
  /** Peak RSS over the smallest size's, in one run. */
  rssRatio: string;
}

export async function measureList({ sizes }: { sizes: number[] }): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  for (const size of sizes) {
    const { stdout } = await run(process.execPath, [script, `--size=${size}`], { maxBuffer: 1024 * 1024 });
    const result = JSON.parse(stdout) as { listed: number; seconds: number; peakRssMB: number };
    rows.push({
      jobs: size,
      listed: result.listed,
      seconds: Math.round(result.seconds * 10) / 10,
      jobsPerSecond: Math.round(result.listed / result.seconds),
      peakRssMB: Math.round(result.peakRssMB * 10) / 10,
      rssRatio: '',
    });
  }
  const base = rows[0]?.peakRssMB ?? 1;
  for (const row of rows) row.rssRatio = `${(row.peakRssMB / base).toFixed(2)}x`;
  return rows;
}
