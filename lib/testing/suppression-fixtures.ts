import type { PublishedCell, SuppressedTable } from "@/lib/domain/suppression";

// Shared by the suppression tests (lib/domain/suppression*.test.ts).

export const X = { suppressed: true } as const;

/** mulberry32: a small seeded PRNG, so that a failing table can be replayed. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts as they come: many zeros and small numbers, some large ones. */
export function randomCount(next: () => number, small = 8): number {
  const r = next();
  if (r < 0.3) return 0;
  if (r < 0.75) return 1 + Math.floor(next() * small);
  return 5 + Math.floor(next() * 40);
}

export function randomTable(next: () => number, rows: number, columns: number, small?: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => randomCount(next, small)));
}

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The table with its totals as one (m+1) × (n+1) grid: last column row totals, last row column totals. */
export function augmented(counts: number[][]): number[][] {
  const columns = counts[0]?.length ?? 0;
  const rows = counts.map((row) => [...row, sum(row)]);
  const totals = Array.from({ length: columns + 1 }, (_, j) => sum(rows.map((row) => row[j]!)));
  return [...rows, totals];
}

export function publishedGrid(table: SuppressedTable): PublishedCell[][] {
  return [...table.cells.map((row, i) => [...row, table.rowTotals[i]!]), [...table.columnTotals, table.grandTotal]];
}
