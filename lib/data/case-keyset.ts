import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// Keyset pagination of cases by reference or by last update (the case list, the duplicates review):
// a page starts after the (sort value, id) of the previous page's last case.

export type Cursor = [string, string]; // [sort value, id]

export function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A cursor made for this sort, or null: a stale or hand-edited URL starts again from page one. */
export function decodeCursor(value: string | undefined, byRef: boolean): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((v) => typeof v === "string")) return null;
    const [sortValue, id] = parsed as Cursor;
    if (!UUID.test(id)) return null;
    if (!byRef && (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(sortValue) || Number.isNaN(Date.parse(sortValue)))) return null;
    return [sortValue, id];
  } catch {
    return null;
  }
}

/** The sort of a list and where its page starts. Column names are constants, never input. */
export interface Keyset {
  column: "ref" | "updated_at";
  descending: boolean;
  cursor: Cursor | null;
}

/** The keyset's ORDER BY on the rows of `alias`, and its "after the cursor" condition (null on page one). */
export function keysetSql({ column, descending, cursor }: Keyset, alias: "c" | "m") {
  const sortColumn = Prisma.raw(`${alias}.${column}`);
  const id = Prisma.raw(`${alias}.id`);
  const direction = Prisma.raw(descending ? "DESC" : "ASC");
  const order = Prisma.sql`${sortColumn} ${direction}, ${id} ${direction}`;
  if (!cursor) return { order, after: null };
  const value = column === "ref" ? Prisma.sql`${cursor[0]}` : Prisma.sql`${cursor[0]}::timestamptz`;
  const after = descending
    ? Prisma.sql`(${sortColumn}, ${id}) < (${value}, ${cursor[1]}::uuid)`
    : Prisma.sql`(${sortColumn}, ${id}) > (${value}, ${cursor[1]}::uuid)`;
  return { order, after };
}
