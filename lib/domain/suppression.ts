import { protect, type Entry } from "./suppression-network";
import type { TallyRow } from "./tally";

/**
 * Small-cell suppression for publication (DESIGN.md §2): counts below the threshold k are hidden,
 * and more values are hidden (secondary suppression) until no hidden value can be worked out from
 * what is published.
 *
 * Rules and the reader they defend against:
 * - Zero is not sensitive and is always shown (common practice: "nobody" identifies nobody). So a
 *   reader knows that every hidden count is at least 1, and the checks below assume that.
 * - Primary: a cell or total with 0 < count < k is hidden.
 * - Every hidden value looks the same ({ suppressed: true }): a reader cannot tell a small count
 *   from a complement hidden to protect it (so renderers must use one marker for both; a
 *   complement may well be 5 or more).
 * - Secondary, first the usual rule: every row and column (with its total, which counts as one of
 *   its values) holds either no hidden value or at least two; the complement is the smallest
 *   non-zero shown cell of that line (a total only if no cell will do). Repeated until stable.
 * - That rule alone still lets some values through (a hidden cell joining two otherwise separate
 *   blocks of hidden cells; four hidden 1s in a 2×2 block whose sums are shown). So each hidden
 *   value is then audited: it is safe only if the published numbers also fit another value for it,
 *   all hidden values staying ≥ 1. In a table with totals that is a cycle in a small network
 *   (row and column nodes, hidden values as edges that can move up or down). An exposed value
 *   gets another complement in its row or column, and the whole check runs again.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export interface Suppressed {
  suppressed: true;
}
/** A published count: the number, or hidden. */
export type PublishedCell = number | Suppressed;

export interface SuppressionOptions {
  /** k: counts from 1 to k − 1 are hidden. Default 5. */
  threshold?: number;
}

const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true });

export function isSuppressed(cell: PublishedCell): cell is Suppressed {
  return typeof cell === "object";
}

/** Shows a single count on its own (a total with no table around it): hidden when 0 < value < k. */
export function publishCell(value: number, threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): PublishedCell {
  checkThreshold(threshold);
  checkCount(value);
  return sensitive(value, threshold) ? SUPPRESSED : value;
}

/**
 * The threshold from configuration (PASSAGE_SUPPRESSION_THRESHOLD): unset or empty means 5. Anything
 * but a whole number from 2 to 1000 throws, so that a typo can never switch suppression off.
 */
export function parseSuppressionThreshold(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_SUPPRESSION_THRESHOLD;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < 2 || value > 1000) {
    throw new Error("PASSAGE_SUPPRESSION_THRESHOLD must be a whole number from 2 to 1000");
  }
  return value;
}

const sensitive = (value: number, k: number) => value > 0 && value < k;

function checkThreshold(k: number) {
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`The suppression threshold must be a whole number ≥ 1, not ${k}`);
}

function checkCount(value: number) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`A count must be a whole number ≥ 0, not ${value}`);
}

const publish = (e: Entry): PublishedCell => (e.hidden ? SUPPRESSED : e.value);

// ---------------------------------------------------------------------------------------------

/** A two-way table as published: cells[row][column] and the three kinds of totals. */
export interface SuppressedTable {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
}

/**
 * Suppresses a two-way table of counts (e.g. province × month); totals are computed here.
 * Throws on a ragged table or a count that is not a whole number ≥ 0.
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  options: SuppressionOptions = {},
): SuppressedTable {
  const k = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  checkThreshold(k);
  const m = counts.length;
  const n = counts[0]?.length ?? 0;
  if (counts.some((row) => row.length !== n)) throw new RangeError("Every row must have the same number of columns");
  counts.forEach((row) => row.forEach(checkCount));
  // Nodes: rows 0..m−1, totals row m, columns m+1..m+n, totals column m+n+1.
  const col = (j: number) => m + 1 + j;
  const entry = (from: number, to: number, sign: 1 | -1, value: number, margin: boolean): Entry => ({
    from,
    to,
    sign,
    value,
    hidden: sensitive(value, k),
    locked: false,
    margin,
  });
  const cells = counts.map((row, i) => row.map((value, j) => entry(i, col(j), 1, value, false)));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const rowTotals = counts.map((row, i) => entry(i, col(n), -1, sum([...row]), true));
  const columnTotals = Array.from({ length: n }, (_, j) =>
    entry(m, col(j), -1, sum(counts.map((row) => row[j]!)), true),
  );
  const grandTotal = entry(m, col(n), 1, sum(rowTotals.map((e) => e.value)), true);
  protect([...cells.flat(), ...rowTotals, ...columnTotals, grandTotal], 1);
  return {
    cells: cells.map((row) => row.map(publish)),
    rowTotals: rowTotals.map(publish),
    columnTotals: columnTotals.map(publish),
    grandTotal: publish(grandTotal),
  };
}

interface OneWay {
  cells: Entry[];
  total: Entry;
}

/** A list and its total as two nodes joined by every cell (+) and by the total (−). */
function oneWay(counts: readonly number[], hidden: (value: number, index: number) => boolean, lockTotal: boolean) {
  counts.forEach(checkCount);
  const cells = counts.map((value, i): Entry => ({
    from: 0,
    to: 1,
    sign: 1,
    value,
    hidden: hidden(value, i),
    locked: false,
    margin: false,
  }));
  const value = counts.reduce((a, b) => a + b, 0);
  const total: Entry = {
    from: 0,
    to: 1,
    sign: -1,
    value,
    hidden: !lockTotal && hidden(value, -1),
    locked: lockTotal,
    margin: true,
  };
  return { cells, total } satisfies OneWay;
}

/** Suppresses a one-way table (e.g. people per province) and its total, computed here. */
export function suppressOneWay(
  counts: readonly number[],
  options: SuppressionOptions = {},
): { cells: PublishedCell[]; total: PublishedCell } {
  const k = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  checkThreshold(k);
  const table = oneWay(counts, (value) => sensitive(value, k), false);
  protect([...table.cells, table.total], 1);
  return { cells: table.cells.map(publish), total: publish(table.total) };
}

/** A tally's low and high bounds as published; `open` is null where it would tell about a hidden row. */
export interface PublishedBounds {
  low: PublishedCell;
  high: PublishedCell;
  open: boolean | null;
}

export interface PublishedBreakdown {
  rows: (PublishedBounds & { key: string })[];
  total: PublishedBounds;
}

/**
 * One row pattern for a list of low–high bounds with both totals shown: a row is hidden whole (low,
 * high and open) when either bound is small or is a complement. A hidden high is ≥ 1 (0–0 rows are
 * shown) but a hidden low may be 0. Returns the hidden rows, or null if the totals cannot be shown.
 */
function protectBounds(rows: readonly TallyRow[], k: number): Set<number> | null {
  let pattern = new Set(rows.flatMap((r, i) => (sensitive(r.low, k) || sensitive(r.high, k) ? [i] : [])));
  for (;;) {
    const lows = oneWay(
      rows.map((r) => r.low),
      (_, i) => pattern.has(i),
      true,
    );
    const highs = oneWay(
      rows.map((r) => r.high),
      (_, i) => pattern.has(i),
      true,
    );
    if (!protect([...lows.cells, lows.total], 0) || !protect([...highs.cells, highs.total], 1)) return null;
    const next = new Set(rows.flatMap((_, i) => (lows.cells[i]!.hidden || highs.cells[i]!.hidden ? [i] : [])));
    if (next.size === pattern.size) return pattern;
    pattern = next;
  }
}

/**
 * Suppresses the breakdowns of one tally for publication (DESIGN.md §2): the same people split by
 * province, by sex, by age group, by status. Totals are the sums of each breakdown's rows.
 *
 * The breakdowns share their total, so it is either shown in all of them or in none: a total left
 * out of one table could be read off another. It is shown unless small (then every non-zero value
 * of every breakdown is hidden, the only safe answer). With the totals shown, each breakdown hides
 * whole rows as above; if one cannot be protected that way (say five provinces with one person each
 * and a total of 5), every non-zero value is hidden everywhere, as for a small total.
 */
export function suppressBreakdowns(
  breakdowns: readonly (readonly TallyRow[])[],
  options: SuppressionOptions = {},
): PublishedBreakdown[] {
  const k = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  checkThreshold(k);
  const sums = breakdowns.map((rows) => ({
    low: rows.reduce((a, r) => a + r.low, 0),
    high: rows.reduce((a, r) => a + r.high, 0),
    open: rows.some((r) => r.open),
  }));
  const patterns = sums.some((t) => sensitive(t.low, k) || sensitive(t.high, k))
    ? null
    : breakdowns.map((rows) => protectBounds(rows, k));
  const hideAll = patterns === null || patterns.some((p) => p === null);
  return breakdowns.map((rows, b) => {
    const sum = sums[b]!;
    if (hideAll) {
      const hide = (value: number) => (value > 0 ? SUPPRESSED : value);
      const bounds = (r: { low: number; high: number; open: boolean }): PublishedBounds => ({
        low: hide(r.low),
        high: hide(r.high),
        open: r.high > 0 ? null : r.open,
      });
      return { rows: rows.map((r) => ({ key: r.key, ...bounds(r) })), total: bounds(sum) };
    }
    const hidden = patterns[b]!;
    return {
      rows: rows.map((r, i) =>
        hidden.has(i)
          ? { key: r.key, low: SUPPRESSED, high: SUPPRESSED, open: null }
          : { key: r.key, low: r.low, high: r.high, open: r.open },
      ),
      total: sum,
    };
  });
}
