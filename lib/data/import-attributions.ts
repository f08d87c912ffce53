import "server-only";
import type { PlannedAttribution } from "@/lib/domain/csv-import";
import { stated, unnest, type Writer, type Written } from "./import-writer";

type AttributionValues = {
  eventId: string;
  sourceId: string;
  credibility: number;
  claimedLow: number | null;
  claimedHigh: number | null;
  claimedDate: string | null;
  excerpt: string | null;
};
const ATTRIBUTION_COLUMNS: [keyof AttributionValues & string, string][] = [
  ["credibility", "int"],
  ["claimedLow", "int"],
  ["claimedHigh", "int"],
  ["claimedDate", "text"],
  ["excerpt", "text"],
];

/**
 * The import's attributions, keyed by (event, source) once both are written; one of a new event or
 * source cannot exist yet.
 */
export function attributionWriter(events: Written, sources: Written): Writer<PlannedAttribution, AttributionValues> {
  const ids = (item: PlannedAttribution) => ({
    eventId: events.ids.get(item.eventKey)!,
    sourceId: sources.ids.get(item.sourceKey)!,
  });
  return {
    key: (item) => {
      const { eventId, sourceId } = ids(item);
      return `${eventId}/${sourceId}`;
    },
    load: (tx, chunk) => {
      const old = chunk.filter((item) => !events.created.has(item.eventKey) && !sources.created.has(item.sourceKey));
      if (old.length === 0) return Promise.resolve([]);
      return tx.$queryRaw`
        SELECT a.id, a.event_id || '/' || a.source_id AS key, a.credibility, a.claimed_low AS "claimedLow",
               a.claimed_high AS "claimedHigh", a.claimed_date AS "claimedDate", a.excerpt
        FROM attributions a
        JOIN ${unnest(old.map(ids), [
          ["eventId", "uuid"],
          ["sourceId", "uuid"],
        ])} AS p(event_id, source_id)
          ON a.event_id = p.event_id AND a.source_id = p.source_id
        ORDER BY a.id FOR UPDATE OF a`;
    },
    file: (item) => {
      const { credibility, claimedDate, excerpt } = item;
      const count = item.claimedLow === null ? {} : { claimedLow: item.claimedLow, claimedHigh: item.claimedHigh };
      return { ...stated({ credibility, claimedDate, excerpt }), ...count };
    },
    fresh: (item) => ({ ...item, ...ids(item), credibility: item.credibility ?? 6 }),
    insert: async (tx, rows) => {
      await tx.$executeRaw`
        INSERT INTO attributions (event_id, source_id, credibility, claimed_low, claimed_high, claimed_date, excerpt)
        SELECT * FROM ${unnest(rows, [["eventId", "uuid"], ["sourceId", "uuid"], ...ATTRIBUTION_COLUMNS])}`;
      return [];
    },
    update: (tx, rows) => tx.$executeRaw`
      UPDATE attributions a SET credibility = v.credibility, claimed_low = v.claimed_low,
        claimed_high = v.claimed_high, claimed_date = v.claimed_date, excerpt = v.excerpt, version = a.version + 1, updated_at = now()
      FROM ${unnest(rows, [["id", "uuid"], ...ATTRIBUTION_COLUMNS])}
        AS v(id, credibility, claimed_low, claimed_high, claimed_date, excerpt)
      WHERE a.id = v.id`,
  };
}
