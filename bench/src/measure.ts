// Shared timing helpers: interleaved rounds and medians, so that every contender sees the same
// machine state and the ratios between them mean something on a noisy machine.

export interface Contender {
  name: string;
  /** One call; `n` is unique per call within a run (for unique job ids). */
  call(n: number): Promise<unknown>;
}

/** Runs `count` calls with `concurrency` workers and returns calls per second. */
export async function opsPerSecond(contender: Contender, count: number, concurrency: number, offset: number) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        await contender.call(offset + next);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/**
 * Runs every contender `rounds` times, interleaved (the order rotates each round), and returns each
 * one's median ops/s. A warm-up round runs first and is not counted.
 */
export async function interleaved(
  contenders: Contender[],
  { rounds, count, concurrency }: { rounds: number; count: number; concurrency: number },
): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  let offset = 0;
  for (let round = -1; round < rounds; round += 1) {
    for (let i = 0; i < contenders.length; i += 1) {
      const contender = contenders[(i + Math.max(round, 0)) % contenders.length] as Contender;
      const rate = await opsPerSecond(contender, count, concurrency, offset);
      offset += count;
      if (round >= 0) samples.get(contender.name)?.push(rate);
    }
  }
  return new Map([...samples].map(([name, rates]) => [name, median(rates)]));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
