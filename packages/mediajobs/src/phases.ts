// The order an erasure deletes one vendor's kinds in: what is made from another kind goes first (a
// Tavus video before the replica it shows), so that nothing is left pointing at a deleted source.
import { vendorOf } from './vendors.js';

/**
 * One vendor's kinds in phases, first phase first: a kind is in phase 0 when none of the given kinds
 * is made from it (`madeFrom`), else one phase after the latest of those made from it. Kinds the
 * vendor lacks are in phase 0. Each phase's deletes should be done before the next starts.
 */
export function erasePhases(provider: string, kinds: readonly string[]): string[][] {
  const info = kinds.flatMap((name) => vendorOf(provider)?.kinds.find((kind) => kind.name === name) ?? []);
  const phase = (name: string, seen: readonly string[]): number => {
    const derived = info.filter((kind) => kind.madeFrom.includes(name) && !seen.includes(kind.name));
    return derived.length === 0 ? 0 : 1 + Math.max(...derived.map((kind) => phase(kind.name, [...seen, name])));
  };
  const phases: string[][] = [];
  for (const name of kinds) {
    const at = phase(name, []);
    while (phases.length <= at) phases.push([]);
    phases[at]?.push(name);
  }
  return phases.filter((names) => names.length > 0);
}
