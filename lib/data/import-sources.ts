import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { PlannedSource } from "@/lib/domain/csv-import";
import { stated, unnest, type Writer } from "./import-writer";

type SourceValues = {
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null;
  reliability: string;
  deleted?: boolean;
};
const SOURCE_COLUMNS: [keyof SourceValues & string, string][] = [
  ["title", "text"],
  ["publisher", "text"],
  ["url", "text"],
  ["publishedOn", "date"],
  ["reliability", "text"],
];

/**
 * The import's sources, found again by source key; a deleted source is refused. The file has no
 * column for a source's kind or confidentiality: new sources are OTHER and confidential (least
 * privilege: partners see none of them until staff decide), and an import never changes either on
 * an existing source.
 */
export const sourceWriter = (actor: Actor): Writer<PlannedSource, SourceValues> => ({
  key: (item) => item.key,
  load: (tx, chunk) => tx.$queryRaw`
    SELECT id, key, title, publisher, url, to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", reliability,
           deleted_at IS NOT NULL AS deleted
    FROM sources WHERE key = ANY(${chunk.map((item) => item.key)}::text[])
    ORDER BY key FOR UPDATE`,
  refuse: (stored, item) =>
    stored.deleted
      ? {
          row: item.row,
          column: item.url ? "source_url" : "source_title",
          message: "This source was deleted in Passage",
        }
      : null,
  file: ({ title, publisher, url, publishedOn, reliability }) =>
    stated({ title, publisher, url, publishedOn, reliability }),
  fresh: (item) => ({ ...item, reliability: item.reliability ?? "F" }),
  insert: (tx, rows) => tx.$queryRaw`
    INSERT INTO sources (key, title, publisher, url, published_on, reliability, kind, confidential, created_by_id)
    SELECT v.*, 'OTHER'::"SourceKind", true, ${actor.id}::uuid
    FROM ${unnest(rows, [["key", "text"], ...SOURCE_COLUMNS])} AS v(key, title, publisher, url, published_on, reliability)
    RETURNING id, key`,
  update: (tx, rows) => tx.$executeRaw`
    UPDATE sources s SET title = v.title, publisher = v.publisher, url = v.url, published_on = v.published_on,
      reliability = v.reliability, version = s.version + 1, updated_at = now()
    FROM ${unnest(rows, [["id", "uuid"], ...SOURCE_COLUMNS])} AS v(id, title, publisher, url, published_on, reliability)
    WHERE s.id = v.id`,
});
