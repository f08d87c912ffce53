import pg from "pg";
import { CN_PROVINCE_CODES, NK_PROVINCE_CODES } from "../../domain/enums";
import { koreanNameSql } from "../../testing/korean-names";

/**
 * A deterministic synthetic dataset made inside PostgreSQL (generate_series, no rows through
 * JavaScript): `cases` people and `events` events with a realistic mix of precisions (most to the
 * day, some to the month or year, a few ranges), group events with unidentified people, and
 * 1–3 participants on identified events. The status and search triggers run as in production.
 */
export async function generateSynthetic(
  url: string,
  sizes: { cases: number; events: number },
  log: (line: string) => void,
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT setseed(0.42)");
    const nk = `ARRAY[${NK_PROVINCE_CODES.map((c) => `'${c}'`).join(",")}]`;
    const cn = `ARRAY[${[
      "JILIN",
      "LIAONING",
      "HEILONGJIANG",
      "YUNNAN",
      "GUANGXI",
      "SHANDONG",
      "BEIJING",
      "INNER_MONGOLIA",
    ]
      .filter((c) => (CN_PROVINCE_CODES as readonly string[]).includes(c))
      .map((c) => `'${c}'`)
      .join(",")}]`;
    let started = Date.now();
    await client.query(
      `INSERT INTO cases (ref, full_name, aliases, sex, birth_year, age_group, origin_province)
       SELECT format('C-%s-%s', 2000 + (g % 25), lpad(g::text, 7, '0')),
              ${koreanNameSql("g")},
              CASE WHEN g % 7 = 0 THEN ARRAY[${koreanNameSql("g", "given-first")}] ELSE ARRAY[]::text[] END,
              (ARRAY['F','M','UNKNOWN'])[1 + (g % 3)]::"Sex",
              CASE WHEN g % 4 = 0 THEN NULL ELSE 1950 + (g % 60) END,
              (ARRAY['INFANT','CHILD','ADULT','ADULT','ADULT','OLDER','UNKNOWN'])[1 + (g % 7)]::"AgeGroup",
              (${nk})[1 + (g % ${NK_PROVINCE_CODES.length})]
       FROM generate_series(1, $1::int) g`,
      [sizes.cases],
    );
    log(`cases: ${sizes.cases} in ${Date.now() - started} ms`);
    started = Date.now();
    // The read models' triggers are set aside for the bulk statements, as the status trigger is
    // below, and the read models are filled once at the end (fillReadModels).
    await client.query(`ALTER TABLE events DISABLE TRIGGER events_read_models_insert`);
    // Dates between 2010 and 2025; precision by g % 20: 14 DAY, 3 MONTH, 2 YEAR, 1 RANGE (two months).
    await client.query(
      `INSERT INTO events (ref, type, occurred_from, occurred_to, precision, country, province, unidentified_low, unidentified_high, count_approximate)
       SELECT 'synthetic:' || g,
              (ARRAY['APPREHENSION','APPREHENSION','DETENTION','TRANSFER','REPATRIATION','REPATRIATION','RELEASE','THIRD_COUNTRY_ARRIVAL','DEATH','OTHER'])[1 + (g % 10)]::"EventType",
              d.from_day, d.to_day, d.precision::"DatePrecision", 'CN', (${cn})[1 + (g % 8)],
              CASE WHEN g % 25 = 0 THEN 5 + (g % 200) ELSE 0 END,
              CASE WHEN g % 25 = 0 AND g % 4 = 0 THEN NULL WHEN g % 25 = 0 THEN 5 + (g % 200) + (g % 50) ELSE 0 END,
              g % 50 = 0
       FROM generate_series(1, $1::int) g
       CROSS JOIN LATERAL (
         SELECT base,
                CASE WHEN g % 20 < 14 THEN base
                     WHEN g % 20 < 17 THEN date_trunc('month', base)::date
                     WHEN g % 20 < 19 THEN date_trunc('year', base)::date
                     ELSE date_trunc('month', base)::date END AS from_day,
                CASE WHEN g % 20 < 14 THEN base
                     WHEN g % 20 < 17 THEN (date_trunc('month', base) + interval '1 month - 1 day')::date
                     WHEN g % 20 < 19 THEN (date_trunc('year', base) + interval '1 year - 1 day')::date
                     ELSE (date_trunc('month', base) + interval '2 months - 1 day')::date END AS to_day,
                CASE WHEN g % 20 < 14 THEN 'DAY' WHEN g % 20 < 17 THEN 'MONTH' WHEN g % 20 < 19 THEN 'YEAR' ELSE 'RANGE' END AS precision
         FROM (SELECT ('2010-01-01'::date + ((g::bigint * 7919) % 5840)::int)::date AS base) b
       ) d`,
      [sizes.events],
    );
    await client.query(`ALTER TABLE events ENABLE TRIGGER events_read_models_insert`);
    log(`events: ${sizes.events} in ${Date.now() - started} ms`);
    started = Date.now();
    // Identified events (not groups) get 1–3 participants spread over all cases. The status
    // trigger is set aside for this one bulk statement (on a fresh table its plan would rest on
    // empty statistics) and statuses are computed once afterwards, by the same SQL function.
    await client.query("ANALYZE cases, events");
    await client.query(`ALTER TABLE event_participants DISABLE TRIGGER participants_status_insert`);
    await client.query(`ALTER TABLE event_participants DISABLE TRIGGER participants_read_models_insert`);
    await client.query(
      `INSERT INTO event_participants (event_id, case_id)
       SELECT DISTINCT e.id, c.id
       FROM (SELECT id, substr(ref, 11)::int AS g FROM events WHERE ref LIKE 'synthetic:%' AND unidentified_low = 0) e
       CROSS JOIN LATERAL generate_series(0, e.g % 3) k
       JOIN cases c ON c.ref = format('C-%s-%s', 2000 + (((e.g * 31 + k * 7) % $1::int) + 1) % 25, lpad(((((e.g * 31 + k * 7) % $1::int) + 1))::text, 7, '0'))`,
      [sizes.cases],
    );
    await client.query(`ALTER TABLE event_participants ENABLE TRIGGER participants_status_insert`);
    await client.query(`ALTER TABLE event_participants ENABLE TRIGGER participants_read_models_insert`);
    await client.query("ANALYZE event_participants");
    // The statuses' own trigger would recompute event_people for every event; fillReadModels does that once.
    await client.query(`ALTER TABLE cases DISABLE TRIGGER cases_event_people_update`);
    await client.query(`SELECT refresh_case_status(ARRAY(SELECT id FROM cases))`);
    await client.query(`ALTER TABLE cases ENABLE TRIGGER cases_event_people_update`);
    log(`participants and statuses in ${Date.now() - started} ms`);
    started = Date.now();
    await fillReadModels(client);
    log(`read models in ${Date.now() - started} ms`);
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/**
 * Fills case_event_spans, event_tallies and event_people as the backfills of migrations
 * 20261123080000_read_models and 20261205090000_event_people do, after bulk statements that set
 * their triggers aside.
 */
async function fillReadModels(client: pg.Client) {
  await client.query(
    `INSERT INTO case_event_spans (case_id, event_id, type, occurred)
     SELECT p.case_id, p.event_id, e.type, daterange(e.occurred_from, e.occurred_to, '[]')
     FROM event_participants p
     JOIN events e ON e.id = p.event_id
     JOIN cases c ON c.id = p.case_id
     WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND c.merged_into_id IS NULL`,
  );
  await client.query(`SELECT refresh_event_tallies(ARRAY(SELECT id FROM events WHERE deleted_at IS NULL))`);
}
