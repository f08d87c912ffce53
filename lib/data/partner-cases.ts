import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { AgeGroup, CaseStatus, EventType, Sex, SourceKind } from "@/lib/domain/enums";
import { precisionOf, type FuzzyDate } from "@/lib/domain/fuzzy-date";
import type { PeopleCount } from "@/lib/domain/people-count";
import { isShareRef, type ShareProfile } from "@/lib/domain/share";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError } from "./errors";

// What a partner sees (DESIGN.md §4). Every query here is written out column by column: each
// profile is its own SELECT, so names, aliases, contact, notes, birth year, exact dates, places,
// facilities, confidential sources and internal ids are never read for a partner, and cannot leak
// into a page, an RSC payload or JSON. Dates leave the database already widened to whole months.

export const PARTNER_PAGE_SIZE = 50;

/** A grant in force: not revoked, not expired (UTC), its organisation active, its case live and consented. */
export const grantInForce = (organisationId: string) => Prisma.sql`
  g.organisation_id = ${organisationId}::uuid
  AND g.revoked_at IS NULL
  AND g.expires_on >= (now() AT TIME ZONE 'UTC')::date
  AND c.deleted_at IS NULL AND c.merged_into_id IS NULL AND c.consent_to_share
  AND EXISTS (SELECT 1 FROM partner_organisations o WHERE o.id = g.organisation_id AND o.active)`;

export interface SharedCaseRow {
  shareRef: string;
  profile: ShareProfile;
  expiresOn: string;
  sex: Sex;
  ageGroup: AgeGroup;
  status: CaseStatus;
}

export interface SharedEvent {
  type: EventType;
  /** Whole months only. */
  date: FuzzyDate;
  country: string | null;
  province: string | null;
  identifiedCount: number;
  unidentified: PeopleCount;
  /** DETAILED only. */
  description?: string | null;
  /** DETAILED only, and never a confidential source. */
  sources?: SharedSource[];
}

export interface SharedSource {
  kind: SourceKind;
  title: string;
  publisher: string | null;
  url: string | null;
  /** YYYY-MM */
  published: string | null;
  reliability: string;
  credibility: number;
}

export interface SharedCase extends SharedCaseRow {
  events: SharedEvent[];
}

function organisationOf(actor: Actor): string {
  // A partner without an organisation sees nothing; the policy matrix already keeps staff out.
  if (!actor.organisationId) throw new NotFoundError();
  return actor.organisationId;
}

const caseColumns = Prisma.sql`g.share_ref AS "shareRef", g.profile::text AS profile,
  g.expires_on::text AS "expiresOn", c.sex::text AS sex, c.age_group::text AS "ageGroup", c.status::text AS status`;

/** The organisation's cases in force, by share reference, a page at a time. The read is audited. */
export async function listSharedCases(
  actor: Actor,
  options: { after?: string } = {},
): Promise<{ rows: SharedCaseRow[]; next: string | null }> {
  await authorize(actor, "case.read.shared", { action: "partner.case.list" });
  const organisationId = organisationOf(actor);
  const after = options.after && isShareRef(options.after) ? options.after : "";
  const rows = await db.$queryRaw<(SharedCaseRow & { grantId: string })[]>`
    SELECT g.id AS "grantId", ${caseColumns}
    FROM share_grants g JOIN cases c ON c.id = g.case_id
    WHERE ${grantInForce(organisationId)} AND g.share_ref > ${after}
    ORDER BY g.share_ref
    LIMIT ${PARTNER_PAGE_SIZE + 1}`;
  const page = rows.slice(0, PARTNER_PAGE_SIZE);
  await recordAudit({
    actor,
    action: "partner.case.list",
    outcome: "SUCCESS",
    entityType: "organisation",
    entityId: organisationId,
    details: { shares: page.map((row) => row.grantId) },
  });
  const next = rows.length > PARTNER_PAGE_SIZE ? page.at(-1)!.shareRef : null;
  return { rows: page.map(({ grantId: _grantId, ...row }) => row), next };
}

/**
 * One shared case as its grant's profile allows. A reference that is malformed, unknown, another
 * organisation's, expired or revoked answers NotFoundError, all alike, and the refusal is audited.
 */
export async function getSharedCase(actor: Actor, shareRef: string): Promise<SharedCase> {
  await authorize(actor, "case.read.shared", { action: "partner.case.read", entityType: "share" });
  const organisationId = organisationOf(actor);
  const [grant] = isShareRef(shareRef)
    ? await db.$queryRaw<(SharedCaseRow & { grantId: string })[]>`
        SELECT g.id AS "grantId", ${caseColumns}
        FROM share_grants g JOIN cases c ON c.id = g.case_id
        WHERE g.share_ref = ${shareRef} AND ${grantInForce(organisationId)}`
    : [];
  if (!grant) {
    await recordAudit({
      actor,
      action: "partner.case.read",
      outcome: "DENIED",
      entityType: "share",
      details: { reason: "not_found", ref: isShareRef(shareRef) ? shareRef : "malformed" },
    });
    throw new NotFoundError();
  }
  const { grantId, ...row } = grant;
  const events = await readSharedEvents(grantId, row.profile);
  await recordAudit({ actor, action: "partner.case.read", outcome: "SUCCESS", entityType: "share", entityId: grantId });
  return { ...row, events };
}

type EventRow = Omit<SharedEvent, "date" | "unidentified"> & {
  from: string;
  to: string;
  approximate: boolean;
  low: number;
  high: number | null;
  countApproximate: boolean;
};

/** DETAILED adds the description and the non-confidential sources; SUMMARY reads neither. */
function detailColumns(profile: ShareProfile): Prisma.Sql {
  if (profile !== "DETAILED") return Prisma.empty;
  return Prisma.sql`, e.description,
    (SELECT coalesce(json_agg(json_build_object(
              'kind', s.kind, 'title', s.title, 'publisher', s.publisher, 'url', s.url,
              'published', to_char(s.published_on, 'YYYY-MM'), 'reliability', s.reliability,
              'credibility', a.credibility) ORDER BY s.published_on NULLS LAST, s.title), '[]'::json)
     FROM attributions a JOIN sources s ON s.id = a.source_id
     WHERE a.event_id = e.id AND s.deleted_at IS NULL AND NOT s.confidential) AS sources`;
}

async function readSharedEvents(grantId: string, profile: ShareProfile): Promise<SharedEvent[]> {
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT e.type::text AS type,
           date_trunc('month', e.occurred_from)::date::text AS "from",
           (date_trunc('month', e.occurred_to) + interval '1 month - 1 day')::date::text AS "to",
           e.date_approximate AS approximate, e.country, e.province,
           (SELECT count(DISTINCT coalesce(pc.merged_into_id, pc.id))::int
            FROM event_participants pp JOIN cases pc ON pc.id = pp.case_id
            WHERE pp.event_id = e.id AND pc.deleted_at IS NULL) AS "identifiedCount",
           e.unidentified_low AS low, e.unidentified_high AS high, e.count_approximate AS "countApproximate"
           ${detailColumns(profile)}
    FROM share_grants g
    JOIN event_participants p ON p.case_id = g.case_id
    JOIN events e ON e.id = p.event_id
    WHERE g.id = ${grantId}::uuid AND e.deleted_at IS NULL
    ORDER BY e.occurred_to, e.occurred_from, e.type`;
  return rows.map(({ from, to, approximate, low, high, countApproximate, ...event }) => ({
    ...event,
    date: { from, to, precision: precisionOf(from, to), approximate },
    unidentified: { low, high, approximate: countApproximate },
  }));
}
