// A signal sent to the command under test alone: the listeners it added are called as the signal would call them,
// and the test runner's are not (no real signal reaches the process).

/** The listeners of `signal` now, before the command adds its own. */
export const listenersOf = (signal: NodeJS.Signals): ReadonlySet<unknown> => new Set(process.listeners(signal));

/** Calls the listeners of `signal` added since `before` was taken; returns how many there were. */
export function signalCommand(signal: NodeJS.Signals, before: ReadonlySet<unknown>): number {
  const added = process.listeners(signal).filter((listener) => !before.has(listener));
  for (const listener of added) (listener as (signal: NodeJS.Signals) => void)(signal);
  return added.length;
}
