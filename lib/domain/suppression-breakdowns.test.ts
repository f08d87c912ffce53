import { describe, expect, it } from "vitest";
import { isSuppressed, suppressBreakdowns, suppressOneWay } from "./suppression";
import type { TallyRow } from "./tally";
import { random, sum, X } from "@/lib/testing/suppression-fixtures";

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
