import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { provinceLabel } from "@/app/_components/event-timeline";
import { requirePartner } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/data/errors";
import { getSharedCase } from "@/lib/data/partner-cases";
import { formatFuzzyDate } from "@/lib/domain/fuzzy-date";
import { formatPeopleCount } from "@/lib/domain/people-count";
import { SharedSources } from "./shared-sources";

export const metadata: Metadata = { title: "Shared case" };

/** One shared case as its grant's profile allows; anything else is the same 404 as a missing case. */
export default async function SharedCasePage(props: { params: Promise<{ shareRef: string }> }) {
  const actor = await requirePartner();
  const { shareRef } = await props.params;
  const shared = await getSharedCase(actor, shareRef.slice(0, 100)).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const t = await getTranslations();
  return (
    <>
      <p>
        <Link href="/partner">{t("partner.backToList")}</Link>
      </p>
      <h1>
        <code>{shared.shareRef}</code> <span className="badge">{t(`statuses.${shared.status}`)}</span>
      </h1>
      <p className="muted">
        {t("partner.profileNote", { profile: t(`shares.profiles.${shared.profile}`), date: shared.expiresOn })}
      </p>
      <section className="card" aria-labelledby="shared-facts">
        <h2 id="shared-facts">{t("cases.details")}</h2>
        <dl className="facts">
          <dt>{t("cases.sex")}</dt>
          <dd>{t(`sexes.${shared.sex}`)}</dd>
          <dt>{t("cases.ageGroup")}</dt>
          <dd>{t(`ageGroups.${shared.ageGroup}`)}</dd>
          <dt>{t("cases.status")}</dt>
          <dd>{t(`statuses.${shared.status}`)}</dd>
        </dl>
      </section>
      <section aria-labelledby="shared-events">
        <h2 id="shared-events">{t("cases.timeline")}</h2>
        {shared.events.length === 0 && <p className="muted">{t("cases.noEvents")}</p>}
        <ol className="timeline" data-testid="shared-events">
          {shared.events.map((event, i) => (
            <li key={i}>
              <strong>{t(`eventTypes.${event.type}`)}</strong> ·{" "}
              <span>{formatFuzzyDate(event.date, { level: "month" })}</span>
              {event.province && <> · {provinceLabel(event.country, event.province)}</>}
              {event.country && (
                <> · {t.has(`countries.${event.country}`) ? t(`countries.${event.country}`) : event.country}</>
              )}
              <div className="muted">
                {t("events.identified", { count: event.identifiedCount })}
                {(event.unidentified.low > 0 || event.unidentified.high === null) && (
                  <> · {t("events.unidentified", { count: formatPeopleCount(event.unidentified) })}</>
                )}
              </div>
              {event.description && <p>{event.description}</p>}
              {event.sources && <SharedSources sources={event.sources} />}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
