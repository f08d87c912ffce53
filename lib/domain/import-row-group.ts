import type { ImportColumn, ImportIssue } from "./csv-format";

/**
 * One case, event, source or attribution stated by several rows of an import file (see `groupRows`
 * in csv-import.ts): values are compared ignoring case, spacing and Unicode form.
 */

const fold = (value: unknown) =>
  typeof value === "string" ? value.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase() : value;
const same = (a: unknown, b: unknown) => JSON.stringify(fold(a)) === JSON.stringify(fold(b));

/** A record as the rows so far state it, and the row each field was first stated on. */
export interface Group<T> {
  value: T;
  row: number;
  origins: Map<keyof T, number>;
}

/** A record first stated on `row`; its non-null `fields` are said to come from that row. */
export function newGroup<T>(value: T, row: number, fields: (keyof T)[]): Group<T> {
  const origins = new Map<keyof T, number>();
  for (const field of fields) if (value[field] !== null) origins.set(field, row);
  return { value, row, origins };
}

/**
 * Fills the group's empty fields from a later row; a field both rows state differently is an
 * error naming both rows. Empty cells never conflict: they state nothing.
 */
export function mergeInto<T>(
  group: Group<T>,
  incoming: T,
  row: number,
  columns: Partial<Record<keyof T, ImportColumn>>,
  sharing: string,
  issues: ImportIssue[],
) {
  for (const field of Object.keys(columns) as (keyof T)[]) {
    const value = incoming[field];
    if (value === null) continue;
    if (group.value[field] === null) {
      group.value[field] = value;
      group.origins.set(field, row);
    } else if (!same(group.value[field], value)) {
      const column = columns[field]!;
      const first = group.origins.get(field) ?? group.row;
      issues.push({ row, column, message: `Differs from row ${first}, which has the same ${sharing}` });
    }
  }
}
