/*
 * A small seeded pseudo-random number generator for the demo data.
 *
 * Everything here is plain 32-bit integer arithmetic (sfc32, seeded through
 * a splitmix-style mixer), so the same seed yields the same sequence on any
 * machine, Node version and day. Nothing reads Math.random or the clock.
 */

import { epochDay, isoDate } from './calendar';

/** One weighted alternative: the value and its relative weight. */
export type Weighted<T> = readonly [value: T, weight: number];

/**
 * A deterministic source of randomness.
 *
 * All ranges are inclusive at both ends unless stated otherwise.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** An ISO date (`YYYY-MM-DD`) in [first, last], all days equally likely. */
  date(first: string, last: string): string;
  /** One item, all equally likely. */
  pick<T>(items: readonly T[]): T;
  /** One value, each as likely as its weight relative to the total. */
  pickWeighted<T>(entries: readonly Weighted<T>[]): T;
  /** Shuffles the array in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /**
   * An independent generator for a named sub-stream. Giving each table its
   * own stream means a change to how one table is generated does not
   * reshuffle every table generated after it.
   */
  fork(stream: string): Random;
}

/** FNV-1a over the UTF-16 code units of a string. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The splitmix32 finaliser: spreads every input bit over the output. */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator). */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  let s0 = a | 0;
  let s1 = b | 0;
  let s2 = c | 0;
  let counter = d | 0;
  return () => {
    const t = (((s0 + s1) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    s0 = s1 ^ (s1 >>> 9);
    s1 = (s2 + (s2 << 3)) | 0;
    s2 = (s2 << 21) | (s2 >>> 11);
    s2 = (s2 + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

class SeededRandom implements Random {
  readonly #seed: number;
  readonly #stream: string;
  readonly #next: () => number;

  constructor(seed: number, stream: string) {
    this.#seed = seed;
    this.#stream = stream;
    // Seeds may exceed 32 bits, so both halves take part in the state.
    const low = seed >>> 0;
    const high = Math.floor(seed / 4294967296) >>> 0;
    const streamHash = hashString(stream);
    this.#next = sfc32(
      mix32(low),
      mix32(high ^ 0x5bd1e995),
      mix32(streamHash),
      mix32(low ^ streamHash ^ 0x27d4eb2f),
    );
    // The first outputs of a freshly seeded sfc32 are poorly mixed.
    for (let i = 0; i < 15; i++) {
      this.#next();
    }
  }

  next(): number {
    return this.#next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.#next() < probability;
  }

  date(first: string, last: string): string {
    return isoDate(this.int(epochDay(first), epochDay(last)));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new Error('Cannot pick from an empty list');
    }
    return items[Math.floor(this.#next() * items.length)];
  }

  pickWeighted<T>(entries: readonly Weighted<T>[]): T {
    let total = 0;
    for (const [, weight] of entries) {
      total += weight;
    }
    if (!(total > 0)) {
      throw new Error('Cannot pick from entries whose weights sum to zero');
    }
    let target = this.#next() * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target < 0) {
        return value;
      }
    }
    // Rounding can leave target at exactly zero after the last entry.
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.#next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  fork(stream: string): Random {
    return new SeededRandom(
      this.#seed,
      this.#stream ? `${this.#stream}/${stream}` : stream,
    );
  }
}

/**
 * Creates a generator for a seed (a non-negative safe integer) and an
 * optional stream name.
 */
export function createRandom(seed: number, stream = ''): Random {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`Seed must be a non-negative integer, got ${seed}`);
  }
  return new SeededRandom(seed, stream);
}

/**
 * Picks among many weighted values in O(log n) per pick, for hot loops
 * where `Random.pickWeighted`'s linear scan would dominate.
 */
export class WeightedTable<T> {
  readonly #values: T[];
  readonly #cumulative: number[];

  constructor(entries: readonly Weighted<T>[]) {
    this.#values = [];
    this.#cumulative = [];
    let total = 0;
    for (const [value, weight] of entries) {
      if (weight > 0) {
        total += weight;
        this.#values.push(value);
        this.#cumulative.push(total);
      }
    }
    if (this.#values.length === 0) {
      throw new Error('A weighted table needs at least one positive weight');
    }
  }

  pick(random: Random): T {
    const cumulative = this.#cumulative;
    const target = random.next() * cumulative[cumulative.length - 1];
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] > target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return this.#values[low];
  }
}
