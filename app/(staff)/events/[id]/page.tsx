import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AttributionForm } from "@/app/_components/attribution-form";
import { describePlace } from "@/app/_components/event-timeline";
import { RecordHistory } from "@/app/_components/record-history";
import { requireStaff } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/data/errors";
import { getEvent } from "@/lib/data/events";
import { listRecordHistory } from "@/lib/data/history";
import { listAttributionsForEvent } from "@/lib/data/attributions";
import { listSourceOptions } from "@/lib/data/sources";
import { formatFuzzyDate, toFuzzyDateInput } from "@/lib/domain/fuzzy-date";
import { formatPeopleCount } from "@/lib/domain/people-count";
import { can } from "@/lib/domain/policy";
import { AttributionActions } from "./attribution-actions";
import { EventDangerZone } from "./event-danger-zone";
import { EventForm } from "../event-form";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage(props: { params: Promise<{ id: string }> }) {
  const actor = await requireStaff();
  const id = z.uuid().safeParse((await props.params).id);
  if (!id.success) notFound();
  const event = await getEvent(actor, id.data).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const writer = can(actor.role, "case.write");
  const [history, sources, claims] = await Promise.all([
    listRecordHistory(actor, { entityType: "event", entityId: event.id }),
    writer ? listSourceOptions(actor, { limit: 200 }) : Promise.resolve([]),
    writer ? listAttributionsForEvent(actor, event.id) : Promise.resolve([]),
  ]);
  // Only the claim's own fields go to the edit dialog.
  const claimOf = new Map(
    claims.map(({ id, credibility, claimedCount, claimedDate, excerpt, version }) => [
      id,
      { credibility, claimedCount, claimedDate, excerpt, version },
    ]),
  );
  const t = await getTranslations();
  const hasGroup = event.unidentified.low > 0 || event.unidentified.high === null;
  return (
    <>
      <h1>
        {t(`eventTypes.${event.type}`)} · <span data-testid="event-date">{formatFuzzyDate(event.date)}</span>
      </h1>
      <section className="card" aria-labelledby="event-facts">
        <h2 id="event-facts">{t("events.details")}</h2>
        <dl className="facts">
          <dt>{t("events.where")}</dt>
          <dd>{describePlace(event) || "—"}</dd>
          <dt>{t("events.who")}</dt>
          <dd>
            {t("events.identified", { count: event.participants.length })}
            {hasGroup && <> · {t("events.unidentified", { count: formatPeopleCount(event.unidentified) })}</>}
            <ul>
              {event.participants.map((p) => (
                <li key={p.id}>
                  <Link href={`/cases/${p.id}`}>{p.ref}</Link>
                  {p.fullName ? ` · ${p.fullName}` : ""} · {t(`statuses.${p.status}`)}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("events.description")}</dt>
          <dd className="prewrap">{event.description ?? "—"}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="event-sources">
        <h2 id="event-sources">{t("events.sources")}</h2>
        {event.sources.length === 0 ? (
          <p className="muted">{t("events.noSources")}</p>
        ) : (
          <ul>
            {event.sources.map((s) => (
              <li key={s.attributionId}>
                <Link href={`/sources/${s.sourceId}`}>{s.title}</Link> ·{" "}
                {t("events.reliability", { value: s.reliability })} ·{" "}
                {t("events.credibility", { value: s.credibility })}
                {s.confidential && (
                  <>
                    {" "}
                    · <span className="badge">{t("events.confidential")}</span>
                  </>
                )}
                {claimOf.has(s.attributionId) && (
                  <AttributionActions id={s.attributionId} source={s.title} claim={claimOf.get(s.attributionId)!} />
                )}
              </li>
            ))}
          </ul>
        )}
        {writer && <AttributionForm eventId={event.id} sources={sources} />}
      </section>
      {writer && (
        <section className="card" aria-labelledby="event-edit">
          <h2 id="event-edit">{t("events.edit")}</h2>
          <EventForm
            id={event.id}
            version={event.version}
            participants={event.participants.map((p) => ({ id: p.id, ref: p.ref, fullName: p.fullName }))}
            initial={{
              type: event.type,
              date: toFuzzyDateInput(event.date),
              country: event.country ?? "",
              province: event.province ?? "",
              place: event.place ?? "",
              facility: event.facility ?? "",
              people: hasGroup ? formatPeopleCount(event.unidentified) : "",
              participantIds: [],
              description: event.description ?? "",
            }}
          />
        </section>
      )}
      <section aria-labelledby="event-history">
        <h2 id="event-history">{t("cases.history")}</h2>
        <RecordHistory entries={history} empty={t("cases.noHistory")} />
      </section>
      {can(actor.role, "case.delete") && <EventDangerZone id={event.id} version={event.version} />}
    </>
  );
}
