import { describe, expect, it } from "vitest";
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  isSuppressed,
  parseSuppressionThreshold,
  publishCell,
  suppressBreakdowns,
  suppressOneWay,
  suppressTable,
  type PublishedCell,
  type SuppressedTable,
} from "./suppression";
import type { TallyRow } from "./tally";

const X = { suppressed: true } as const;

/** mulberry32: a small seeded PRNG, so that a failing table can be replayed. */
function random(seed: number) {
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
function randomCount(next: () => number, small = 8): number {
  const r = next();
  if (r < 0.3) return 0;
  if (r < 0.75) return 1 + Math.floor(next() * small);
  return 5 + Math.floor(next() * 40);
}

function randomTable(next: () => number, rows: number, columns: number, small?: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => randomCount(next, small)));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The table with its totals as one (m+1) × (n+1) grid: last column row totals, last row column totals. */
function augmented(counts: number[][]): number[][] {
  const columns = counts[0]?.length ?? 0;
  const rows = counts.map((row) => [...row, sum(row)]);
  const totals = Array.from({ length: columns + 1 }, (_, j) => sum(rows.map((row) => row[j]!)));
  return [...rows, totals];
}

function publishedGrid(table: SuppressedTable): PublishedCell[][] {
  return [...table.cells.map((row, i) => [...row, table.rowTotals[i]!]), [...table.columnTotals, table.grandTotal]];
}

describe("publishCell", () => {
  it("hides 1 to k − 1 and shows zero and k or more", () => {
    expect([0, 1, 4, 5, 120].map((v) => publishCell(v))).toEqual([0, X, X, 5, 120]);
    expect([9, 10].map((v) => publishCell(v, 10))).toEqual([X, 10]);
    expect(DEFAULT_SUPPRESSION_THRESHOLD).toBe(5);
  });

  it("refuses a count or threshold that is not a whole number", () => {
    expect(() => publishCell(-1)).toThrow(RangeError);
    expect(() => publishCell(2.5)).toThrow(RangeError);
    expect(() => publishCell(3, 0)).toThrow(RangeError);
  });
});

describe("parseSuppressionThreshold", () => {
  it("defaults to 5 and reads a whole number from 2 to 1000", () => {
    expect(parseSuppressionThreshold(undefined)).toBe(5);
    expect(parseSuppressionThreshold(" ")).toBe(5);
    expect(parseSuppressionThreshold("10")).toBe(10);
  });

  it.each(["0", "1", "abc", "5.5", "-3", "1001", "1e1"])("refuses %j rather than switching suppression off", (raw) => {
    expect(() => parseSuppressionThreshold(raw)).toThrow(/PASSAGE_SUPPRESSION_THRESHOLD/);
  });
});

describe("suppressTable", () => {
  it("shows a table without small counts as it is, with its totals", () => {
    expect(
      suppressTable([
        [10, 0],
        [7, 20],
      ]),
    ).toEqual({
      cells: [
        [10, 0],
        [7, 20],
      ],
      rowTotals: [10, 27],
      columnTotals: [17, 20],
      grandTotal: 37,
    });
  });

  it("hides a small cell and the smallest non-zero cells that would give it away", () => {
    const table = suppressTable([
      [2, 10, 30],
      [9, 12, 40],
      [0, 7, 8],
    ]);
    // 2 is primary; 10 (its row) and 9 (its column) are complements; 12 then pairs them up.
    expect(table.cells).toEqual([
      [X, X, 30],
      [X, X, 40],
      [0, 7, 8],
    ]);
    expect(table.rowTotals).toEqual([42, 61, 15]);
  });

  it("shows zeros, and hides small totals", () => {
    const table = suppressTable([
      [0, 3],
      [0, 20],
    ]);
    expect(table.cells[0]![0]).toBe(0);
    expect(table.cells[1]![0]).toBe(0);
    expect(table.rowTotals[0]).toEqual(X);
    expect(table.columnTotals[0]).toBe(0);
  });

  it("protects four 1s in a 2 × 2 block whose sums are shown (each would otherwise be known to be 1)", () => {
    const table = suppressTable([
      [1, 1, 10],
      [1, 1, 10],
      [10, 10, 10],
    ]);
    expect(
      isProtected(
        [
          [1, 1, 10],
          [1, 1, 10],
          [10, 10, 10],
        ],
        table,
      ),
    ).toBe(true);
    expect(table.cells.flat().filter(isSuppressed).length).toBeGreaterThan(4);
  });

  it("protects a small cell that joins two blocks of small cells", () => {
    const counts = [
      [1, 2, 0, 0, 20],
      [3, 1, 2, 0, 20],
      [0, 0, 1, 3, 20],
      [0, 0, 2, 4, 20],
      [20, 20, 20, 20, 20],
    ];
    expect(isProtected(counts, suppressTable(counts))).toBe(true);
  });

  it("handles a single cell, an empty table, and refuses ragged or negative input", () => {
    expect(suppressTable([[3]])).toEqual({ cells: [[X]], rowTotals: [X], columnTotals: [X], grandTotal: X });
    expect(suppressTable([])).toEqual({ cells: [], rowTotals: [], columnTotals: [], grandTotal: 0 });
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppressTable([[1, -2]])).toThrow(RangeError);
  });

  it("takes the threshold as an option", () => {
    expect(suppressTable([[7, 20]], { threshold: 10 }).cells).toEqual([[X, X]]);
  });
});

describe("suppressTable on random tables (proof of the published rule)", () => {
  it("hides every small count, shows the rest exactly, and never leaves a lone hidden value in a line", () => {
    const next = random(20171114);
    for (let iteration = 0; iteration < 1500; iteration++) {
      const k = 2 + Math.floor(next() * 9);
      const counts = randomTable(next, 1 + Math.floor(next() * 6), 1 + Math.floor(next() * 8), k + 2);
      const table = suppressTable(counts, { threshold: k });
      const grid = augmented(counts);
      const published = publishedGrid(table);
      const context = JSON.stringify({ iteration, k, counts });

      grid.forEach((row, i) =>
        row.forEach((value, j) => {
          const cell = published[i]![j]!;
          if (value > 0 && value < k) expect(cell, context).toEqual(X);
          if (value === 0) expect(cell, context).toBe(0);
          if (!isSuppressed(cell)) expect(cell, context).toBe(value);
        }),
      );
      // Each row and column, with its total: no hidden value, or at least two (the brief's wording:
      // 0 or ≥ 2 hidden cells, or a hidden total).
      const lines = [...published, ...published[0]!.map((_, j) => published.map((row) => row[j]!))];
      for (const line of lines) {
        const cells = line.slice(0, -1).filter(isSuppressed).length;
        const totalHidden = isSuppressed(line.at(-1)!);
        expect(cells === 0 || cells >= 2 || totalHidden, context).toBe(true);
        expect(line.filter(isSuppressed).length, context).not.toBe(1);
      }
    }
  });
});

/**
 * Brute force, independent of the network in suppression.ts: every way of filling the hidden cells
 * (each ≥ 1, since zeros are shown) that gives back every published total. Each hidden value must
 * take at least two values among those solutions.
 *
 * Each hidden cell is tried at its true value ± 1 only. That is enough: the constraints form a
 * network matrix, so if any other solution exists, one differs from the truth by ±1 around a cycle
 * (conformal decomposition). Any alternative found this way is a real alternative either way.
 */
function isProtected(counts: number[][], table: SuppressedTable): boolean {
  const grid = augmented(counts);
  const published = publishedGrid(table);
  const hidden = counts.flatMap((row, i) => row.flatMap((_, j) => (isSuppressed(published[i]![j]!) ? [[i, j]] : [])));
  const seen = published.map((row) => row.map(() => new Set<number>()));
  const values = counts.map((row) => [...row]);
  const fill = (h: number) => {
    if (h === hidden.length) {
      const candidate = augmented(values);
      const fits = candidate.every((row, i) =>
        row.every((value, j) => {
          const shown = published[i]![j]!;
          return isSuppressed(shown) ? value >= 1 : value === shown;
        }),
      );
      if (fits) candidate.forEach((row, i) => row.forEach((value, j) => seen[i]![j]!.add(value)));
      return;
    }
    const [i, j] = hidden[h]!;
    const truth = counts[i!]![j!]!;
    for (let v = Math.max(1, truth - 1); v <= truth + 1; v++) {
      values[i!]![j!] = v;
      fill(h + 1);
    }
    values[i!]![j!] = truth;
  };
  fill(0);
  return grid.every((row, i) => row.every((_, j) => !isSuppressed(published[i]![j]!) || seen[i]![j]!.size >= 2));
}

describe("suppressTable against brute force", () => {
  it("leaves every hidden value of small random tables with more than one possible value", () => {
    const next = random(41);
    let checked = 0;
    for (let iteration = 0; iteration < 600; iteration++) {
      const [m, n] = next() < 0.5 ? [3, 3] : next() < 0.5 ? [2, 4] : [4, 2];
      const counts = randomTable(next, m, n);
      const table = suppressTable(counts);
      if (table.cells.flat().some(isSuppressed)) checked++;
      expect(isProtected(counts, table), JSON.stringify(counts)).toBe(true);
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("would catch a leak: the line rule alone is not enough for four 1s", () => {
    const counts = [
      [1, 1, 10],
      [1, 1, 10],
      [10, 10, 10],
    ];
    const lineRuleOnly: SuppressedTable = {
      cells: [
        [X, X, 10],
        [X, X, 10],
        [10, 10, 10],
      ],
      rowTotals: [12, 12, 30],
      columnTotals: [12, 12, 30],
      grandTotal: 54,
    };
    expect(isProtected(counts, lineRuleOnly)).toBe(false);
  });
});

describe("suppressOneWay", () => {
  it("hides a small count and a complement, keeping the total", () => {
    expect(suppressOneWay([12, 3, 0, 7, 40])).toEqual({ cells: [12, X, 0, X, 40], total: 62 });
  });

  it("hides the total when it is small, and hides enough when 1s add up to a shown total", () => {
    expect(suppressOneWay([1, 2, 0])).toEqual({ cells: [X, X, 0], total: X });
    const ones = suppressOneWay([1, 1, 1, 1, 1]);
    expect(ones.total).toEqual(X);
  });
});

const row = (key: string, low: number, high: number, open = false): TallyRow => ({ key, low, high, open });

describe("suppressBreakdowns", () => {
  it("shows breakdowns without small counts as they are, with a shared total", () => {
    const [provinces, sexes] = suppressBreakdowns([
      [row("JILIN", 30, 41), row("LIAONING", 0, 0), row("UNKNOWN", 12, 12, true)],
      [row("F", 22, 30, true), row("M", 20, 23)],
    ]);
    expect(provinces!.rows[0]).toEqual({ key: "JILIN", low: 30, high: 41, open: false });
    expect(provinces!.total).toEqual({ low: 42, high: 53, open: true });
    expect(sexes!.total).toEqual({ low: 42, high: 53, open: true });
  });

  it("hides whole rows (low, high and open): the small one and a complement", () => {
    const [sexes] = suppressBreakdowns([[row("F", 0, 3, true), row("M", 20, 23), row("UNKNOWN", 30, 30)]]);
    expect(sexes!.rows).toEqual([
      { key: "F", low: X, high: X, open: null },
      { key: "M", low: X, high: X, open: null },
      { key: "UNKNOWN", low: 30, high: 30, open: false },
    ]);
    expect(sexes!.total).toEqual({ low: 50, high: 56, open: true });
  });

  it("hides every non-zero value everywhere when the total is small", () => {
    const [provinces, sexes] = suppressBreakdowns([
      [row("JILIN", 3, 3), row("LIAONING", 0, 0)],
      [row("F", 3, 3), row("M", 0, 0)],
    ]);
    expect(provinces).toEqual({
      rows: [
        { key: "JILIN", low: X, high: X, open: null },
        { key: "LIAONING", low: 0, high: 0, open: false },
      ],
      total: { low: X, high: X, open: null },
    });
    expect(sexes!.total).toEqual({ low: X, high: X, open: null });
  });

  it("hides everything when one breakdown cannot keep its total (five provinces with one person each)", () => {
    const fives = ["A", "B", "C", "D", "E"].map((key) => row(key, 1, 1));
    const [provinces, sexes] = suppressBreakdowns([fives, [row("F", 5, 5)]]);
    expect(provinces!.total).toEqual({ low: X, high: X, open: null });
    expect(sexes!.rows[0]).toEqual({ key: "F", low: X, high: X, open: null });
  });

  it("leaves every hidden bound of small random breakdowns with more than one possible value", () => {
    const next = random(2017);
    let hiddenRows = 0;
    for (let iteration = 0; iteration < 400; iteration++) {
      const size = next() < 0.8 ? 3 : 4;
      const rows = Array.from({ length: size }, (_, i) => {
        const low = next() < 0.3 ? 0 : Math.floor(next() * (size === 3 ? 9 : 6));
        return row(`R${i}`, low, low + (next() < 0.5 ? 0 : Math.floor(next() * 4)));
      });
      const [published] = suppressBreakdowns([rows]);
      hiddenRows += published!.rows.filter((r) => isSuppressed(r.low)).length;
      expect(boundsProtected(rows, published!), JSON.stringify(rows)).toBe(true);
    }
    expect(hiddenRows).toBeGreaterThan(200);
  });
});

/**
 * Brute force for one breakdown: every (low, high) filling of the hidden rows with 0 ≤ low ≤ high
 * and high ≥ 1 that gives back the published totals. Where a total is shown, each bound runs over
 * its whole range (pruned by what is left of the total); where it is hidden, nothing ties the rows
 * and trying each at its true value ± 1 finds the alternatives.
 */
function boundsProtected(rows: TallyRow[], published: ReturnType<typeof suppressBreakdowns>[number]): boolean {
  const hidden = published.rows.flatMap((r, i) => (isSuppressed(r.low) || isSuppressed(r.high) ? [i] : []));
  const shownSum = (bound: "low" | "high") => sum(rows.filter((_, i) => !hidden.includes(i)).map((r) => r[bound]));
  const left = (bound: "low" | "high") => {
    const total = published.total[bound];
    return isSuppressed(total) ? null : total - shownSum(bound);
  };
  const leftLow = left("low");
  const leftHigh = left("high");
  const seen = hidden.map(() => ({ low: new Set<number>(), high: new Set<number>() }));
  const lows: number[] = [];
  const highs: number[] = [];
  const fill = (h: number) => {
    const usedLow = sum(lows.slice(0, h));
    const usedHigh = sum(highs.slice(0, h));
    if (h === hidden.length) {
      if (leftLow !== null && usedLow !== leftLow) return;
      if (leftHigh !== null && usedHigh !== leftHigh) return;
      hidden.forEach((_, i) => (seen[i]!.low.add(lows[i]!), seen[i]!.high.add(highs[i]!)));
      return;
    }
    const truth = rows[hidden[h]!]!;
    const rest = hidden.length - h - 1;
    const highMax = leftHigh === null ? truth.high + 1 : leftHigh - usedHigh - rest;
    const highMin = leftHigh === null ? Math.max(1, truth.high - 1) : 1;
    for (let high = highMin; high <= highMax; high++) {
      const lowMax = Math.min(high, leftLow === null ? truth.low + 1 : leftLow - usedLow);
      const lowMin = leftLow === null ? Math.max(0, truth.low - 1) : 0;
      for (let low = lowMin; low <= lowMax; low++) {
        lows[h] = low;
        highs[h] = high;
        fill(h + 1);
      }
    }
  };
  fill(0);
  // A hidden low that can only be 0 gives nothing away: zeros are not sensitive.
  return hidden.every((i, h) => (rows[i]!.low === 0 || seen[h]!.low.size >= 2) && seen[h]!.high.size >= 2);
}
