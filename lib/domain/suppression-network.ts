// The engine of lib/domain/suppression.ts: which further values to hide so that no hidden value can
// be worked out from what is published. Only suppression.ts uses it.

// The network. Every published relation is "the values meeting at a node sum to zero" once each
// value is given a sign: in a two-way table a cell joins its row node to its column node (+), a row
// total joins its row node to the totals column (−), a column total the totals row to its column
// (−), and the grand total the totals row to the totals column (+). A one-way list is two nodes
// joined by every cell (+) and by the total (−). Moving +1/−1 alternately around a cycle of hidden
// values keeps every sum; a hidden value can change iff such a cycle through it stays feasible.

export interface Entry {
  from: number;
  to: number;
  sign: 1 | -1;
  value: number;
  hidden: boolean;
  /** Must stay shown (a total published elsewhere too); never chosen as a complement. */
  locked: boolean;
  /** A total: chosen as a complement only when no cell will do. */
  margin: boolean;
}

/** Whether the signed value (sign × value) may go up or down by one, the count staying ≥ floor. */
const canRise = (e: Entry, floor: number) => e.sign === 1 || e.value > floor;
const canFall = (e: Entry, floor: number) => e.sign === -1 || e.value > floor;

/** A hidden value that the published numbers pin down (zeros excepted: they are not sensitive). */
function findExposed(entries: Entry[], floor: number): Entry | undefined {
  // Arcs of the residual network: tail → head, through the hidden entry at `via`.
  const arcs = new Map<number, { head: number; via: number }[]>();
  const arc = (tail: number, head: number, via: number) => arcs.set(tail, [...(arcs.get(tail) ?? []), { head, via }]);
  entries.forEach((e, i) => {
    if (!e.hidden) return;
    if (canRise(e, floor)) arc(e.from, e.to, i);
    if (canFall(e, floor)) arc(e.to, e.from, i);
  });
  const reaches = (start: number, goal: number, skip: number) => {
    const seen = new Set([start]);
    for (const queue = [start]; queue.length > 0;) {
      for (const { head, via } of arcs.get(queue.shift()!) ?? []) {
        if (via === skip || seen.has(head)) continue;
        if (head === goal) return true;
        seen.add(head);
        queue.push(head);
      }
    }
    return false;
  };
  return entries.find(
    (e, i) =>
      e.hidden &&
      e.value > 0 &&
      !(canRise(e, floor) && reaches(e.to, e.from, i)) &&
      !(canFall(e, floor) && reaches(e.from, e.to, i)),
  );
}

/** A line whose only hidden value is not zero: it gives that value away. */
const lone = (line: Entry[]) => {
  const hidden = line.filter((e) => e.hidden);
  return hidden.length === 1 && hidden[0]!.value > 0;
};

/**
 * The complement from `pool`: a cell rather than a total, then one that also completes another line
 * holding a lone hidden value (fewer values hidden in the end), then the smallest non-zero one.
 */
function pickComplement(pool: Entry[], lines: Map<number, Entry[]>): Entry | undefined {
  const pairs = (e: Entry) => [e.from, e.to].filter((node) => lone(lines.get(node)!)).length;
  return pool
    .filter((e) => !e.hidden && !e.locked && e.value > 0)
    .map((e) => ({ e, pairs: pairs(e) }))
    .sort((a, b) => Number(a.e.margin) - Number(b.e.margin) || b.pairs - a.pairs || a.e.value - b.e.value)[0]?.e;
}

/**
 * Hides complements until nothing hidden can be derived, a hidden count being known to be ≥ floor.
 * False only if hiding every value that is not locked still leaves one exposed.
 */
export function protect(entries: Entry[], floor: number): boolean {
  const lines = new Map<number, Entry[]>();
  for (const e of entries) for (const node of [e.from, e.to]) lines.set(node, [...(lines.get(node) ?? []), e]);
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines.values()) {
        if (!lone(line)) continue;
        const complement = pickComplement(line, lines);
        if (complement) complement.hidden = changed = true;
      }
    }
    const exposed = findExposed(entries, floor);
    if (!exposed) return true;
    const complement = pickComplement([...lines.get(exposed.from)!, ...lines.get(exposed.to)!], lines);
    if (complement) complement.hidden = true;
    else {
      const rest = entries.filter((e) => !e.hidden && !e.locked && e.value > 0);
      if (rest.length === 0) return false;
      for (const e of rest) e.hidden = true;
    }
  }
}
