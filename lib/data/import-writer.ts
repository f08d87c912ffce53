import "server-only";
import type { ImportIssue } from "@/lib/domain/csv-import";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportTally } from "./import";

/**
 * The set-based writing shared by the import's record kinds (import-cases.ts, import-events.ts,
 * import-sources.ts, import-attributions.ts). Only `importCsv` (import.ts) uses these, inside its
 * transaction, after it has authorised the actor: nothing here checks permissions.
 */

/** Rows per statement; it also sets how often progress is reported. */
const CHUNK = 1000;

/** Reports records done since the last call. */
export type Progress = (n: number) => void;

export function chunked<T>(items: T[], size = CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export const tally = (): ImportTally => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * `unnest($1::uuid[], $2::text[], …)`: a chunk of rows as one array parameter per column. Binding
 * one parameter per cell (`VALUES (…), (…)`) costs more than the writes themselves.
 */
export function unnest<T>(rows: T[], columns: [keyof T & string, string][]): Prisma.Sql {
  const arrays = columns.map(
    ([field, type]) => Prisma.sql`${rows.map((row) => row[field] ?? null)}::${Prisma.raw(type)}[]`,
  );
  return Prisma.sql`unnest(${Prisma.join(arrays)})`;
}

/** The fields a file states: nulls (empty cells) dropped, since they never erase a stored value. */
export function stated<T extends Record<string, unknown>>(file: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(file).filter(([, value]) => value !== null && value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}

export type Stored<V> = V & { id: string; key: string };

/** One kind of record: how to find the stored rows of a chunk, and write new and changed ones. */
export interface Writer<P, V> {
  key: (item: P) => string;
  /** Stored rows for a chunk (locked FOR UPDATE), with their key as `key`. */
  load: (tx: Tx, chunk: P[]) => Promise<Stored<V>[]>;
  /** Why a stored row may not be written (deleted, merged), as an issue; null when it may. */
  refuse?: (stored: Stored<V>, item: P) => ImportIssue | null;
  /** The values the file states for the record. */
  file: (item: P) => Partial<V>;
  /** All values of a new record. */
  fresh: (item: P) => V;
  insert: (tx: Tx, rows: (V & { key: string })[]) => Promise<{ id: string; key: string }[]>;
  update: (tx: Tx, rows: Stored<V>[]) => Promise<unknown>;
}

/** What `write` did: the id of every record by key, and the keys it created. */
export interface Written {
  ids: Map<string, string>;
  created: Set<string>;
  tally: ImportTally;
}

/**
 * Creates what is new, updates what differs (only the fields the file states) and counts the
 * rest as unchanged, a chunk at a time.
 */
export async function write<P, V extends Record<string, unknown>>(
  tx: Tx,
  writer: Writer<P, V>,
  planned: P[],
  issues: ImportIssue[],
  progress: Progress,
): Promise<Written> {
  const result: Written = { ids: new Map(), created: new Set(), tally: tally() };
  for (const chunk of chunked(planned)) {
    const stored = new Map((await writer.load(tx, chunk)).map((row) => [row.key, row]));
    const inserts: (V & { key: string })[] = [];
    const updates: Stored<V>[] = [];
    for (const item of chunk) {
      const key = writer.key(item);
      const row = stored.get(key);
      if (!row) {
        inserts.push({ ...writer.fresh(item), key });
        continue;
      }
      const refusal = writer.refuse?.(row, item);
      if (refusal) {
        issues.push(refusal);
        continue;
      }
      result.ids.set(key, row.id);
      const file = Object.entries(writer.file(item)).filter(
        ([field, value]) => value !== undefined && value !== row[field],
      );
      if (file.length === 0) result.tally.unchanged++;
      else updates.push({ ...row, ...Object.fromEntries(file) });
    }
    if (inserts.length && issues.length === 0) {
      for (const { id, key } of await writer.insert(tx, inserts)) {
        result.ids.set(key, id);
        result.created.add(key);
      }
      result.tally.created += inserts.length;
    }
    if (updates.length && issues.length === 0) await writer.update(tx, updates);
    result.tally.updated += updates.length;
    progress(chunk.length);
  }
  return result;
}
