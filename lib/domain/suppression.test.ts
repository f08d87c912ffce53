import { describe, expect, it } from "vitest";
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  isSuppressed,
  parseSuppressionThreshold,
  publishCell,
  suppressTable,
  type SuppressedTable,
} from "./suppression";
import { augmented, publishedGrid, random, randomTable, X } from "@/lib/testing/suppression-fixtures";

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
