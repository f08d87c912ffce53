import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { PlannedEvent } from "@/lib/domain/csv-import";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportTally } from "./import";
import { chunked, stated, tally, unnest, type Progress, type Writer } from "./import-writer";

type EventValues = {
  type: string;
  from: string;
  to: string;
  precision: string;
  dateApproximate: boolean;
  country: string | null;
  province: string | null;
  place: string | null;
  facility: string | null;
  low: number;
  high: number | null;
  countApproximate: boolean;
  deleted?: boolean;
};

const EVENT_COLUMNS: [keyof EventValues & string, string][] = [
  ["type", "text"],
  ["from", "date"],
  ["to", "date"],
  ["precision", "text"],
  ["dateApproximate", "boolean"],
  ["country", "text"],
  ["province", "text"],
  ["place", "text"],
  ["facility", "text"],
  ["low", "int"],
  ["high", "int"],
  ["countApproximate", "boolean"],
];
const EVENT_VALUES = Prisma.raw(
  "type, occurred_from, occurred_to, precision, date_approximate, country, province, place, facility, " +
    "unidentified_low, unidentified_high, count_approximate",
);

function eventFile(event: PlannedEvent): Partial<EventValues> {
  const { type, date, country, province, place, facility, unidentified: count } = event;
  return {
    type,
    from: date.from,
    to: date.to,
    precision: date.precision,
    dateApproximate: date.approximate,
    ...stated({ country, province, place, facility }),
    // A count is stated as a whole: "at least 41" (high null) replaces a stored 41–50.
    ...(count ? { low: count.low, high: count.high, countApproximate: count.approximate } : {}),
  };
}

/** The import's events, found again by event ref or derived key; a deleted event is refused. */
export const eventWriter = (actor: Actor): Writer<PlannedEvent, EventValues> => ({
  key: (item) => item.key,
  load: (tx, chunk) => tx.$queryRaw`
    SELECT id, ref AS key, type::text AS type, to_char(occurred_from, 'YYYY-MM-DD') AS "from",
           to_char(occurred_to, 'YYYY-MM-DD') AS "to", precision::text AS precision,
           date_approximate AS "dateApproximate", country, province, place, facility,
           unidentified_low AS low, unidentified_high AS high, count_approximate AS "countApproximate",
           deleted_at IS NOT NULL AS deleted
    FROM events WHERE ref = ANY(${chunk.map((item) => item.key)}::text[])
    ORDER BY ref FOR UPDATE`,
  refuse: (stored, item) =>
    stored.deleted ? { row: item.row, column: "event_ref", message: "This event was deleted in Passage" } : null,
  file: eventFile,
  fresh: (item) =>
    ({
      country: null,
      province: null,
      place: null,
      facility: null,
      low: 0,
      high: 0,
      countApproximate: false,
      ...eventFile(item),
    }) as EventValues,
  insert: (tx, rows) => tx.$queryRaw`
    INSERT INTO events (ref, type, occurred_from, occurred_to, precision, date_approximate, country, province,
                        place, facility, unidentified_low, unidentified_high, count_approximate, created_by_id)
    SELECT v.key, v.type::"EventType", v.occurred_from, v.occurred_to, v.precision::"DatePrecision",
           v.date_approximate, v.country, v.province, v.place, v.facility, v.unidentified_low,
           v.unidentified_high, v.count_approximate, ${actor.id}::uuid
    FROM ${unnest(rows, [["key", "text"], ...EVENT_COLUMNS])} AS v(key, ${EVENT_VALUES})
    RETURNING id, ref AS key`,
  update: (tx, rows) => tx.$executeRaw`
    UPDATE events e SET type = v.type::"EventType", occurred_from = v.occurred_from, occurred_to = v.occurred_to,
      precision = v.precision::"DatePrecision", date_approximate = v.date_approximate, country = v.country,
      province = v.province, place = v.place, facility = v.facility, unidentified_low = v.unidentified_low,
      unidentified_high = v.unidentified_high, count_approximate = v.count_approximate,
      version = e.version + 1, updated_at = now()
    FROM ${unnest(rows, [["id", "uuid"], ...EVENT_COLUMNS])} AS v(id, ${EVENT_VALUES})
    WHERE e.id = v.id`,
});

/** Links each event to the cases its rows name; a link already there is left as it is. */
export async function writeParticipants(
  tx: Tx,
  events: PlannedEvent[],
  eventIds: Map<string, string>,
  caseIds: Map<string, string>,
  progress: Progress,
): Promise<ImportTally> {
  const pairs = events.flatMap((e) =>
    e.caseRefs.map((ref) => ({ eventId: eventIds.get(e.key)!, caseId: caseIds.get(ref)! })),
  );
  const result = tally();
  for (const chunk of chunked(pairs)) {
    const inserted = await tx.$executeRaw`
      INSERT INTO event_participants (event_id, case_id)
      SELECT * FROM ${unnest(chunk, [
        ["eventId", "uuid"],
        ["caseId", "uuid"],
      ])}
      ON CONFLICT DO NOTHING`;
    result.created += inserted;
    result.unchanged += chunk.length - inserted;
    progress(chunk.length);
  }
  return result;
}
