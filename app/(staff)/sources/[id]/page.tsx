import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/actor";
import { AccessDeniedError, NotFoundError } from "@/lib/data/errors";
import { getSource } from "@/lib/data/sources";
import { cnProvinceLabel, nkProvinceLabel } from "@/lib/domain/enums";
import { formatFuzzyDate, fuzzyDateFromBounds } from "@/lib/domain/fuzzy-date";
import { can } from "@/lib/domain/policy";
import { isHttpUrl } from "@/lib/validation/source";
import { DeleteSourceButton, SourceForm } from "../source-form";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sources"))("title") };
}

function formatDay(day: string | null): string | null {
  if (!day) return null;
  const date = fuzzyDateFromBounds(day, day);
  return date.ok ? formatFuzzyDate(date.value) : day;
}

const provinceLabel = (code: string) => cnProvinceLabel(code) ?? nkProvinceLabel(code) ?? code;

export default async function SourcePage(props: Props) {
  const actor = await requireStaff();
  const { id } = await props.params;
  const source = await getSource(actor, id).catch((error: unknown) => {
    if (error instanceof AccessDeniedError || error instanceof NotFoundError) notFound();
    throw error;
  });
  const t = await getTranslations("sources");
  const none = t("none");
  return (
    <>
      <p>
        <Link href="/sources">{t("backToList")}</Link>
      </p>
      <h1>
        {source.title}
        {source.confidential && (
          <>
            {" "}
            <span className="badge">{t("confidentialBadge")}</span>
          </>
        )}
      </h1>
      <section className="card" aria-labelledby="source-details">
        <h2 id="source-details">{t("details")}</h2>
        <dl>
          <dt>{t("kind")}</dt>
          <dd>{t(`kinds.${source.kind}`)}</dd>
          <dt>{t("publisher")}</dt>
          <dd>{source.publisher ?? none}</dd>
          <dt>{t("url")}</dt>
          <dd>
            {/* Stored URLs are checked on input; checked again here so no other path can inject a link. */}
            {source.url && isHttpUrl(source.url) ? (
              <a href={source.url} target="_blank" rel="noreferrer noopener">
                {source.url} <span className="visually-hidden">{t("opensInNewTab")}</span>
              </a>
            ) : (
              (source.url ?? none)
            )}
          </dd>
          <dt>{t("publishedOn")}</dt>
          <dd>{formatDay(source.publishedOn) ?? none}</dd>
          <dt>{t("reliability")}</dt>
          <dd>{t(`reliabilities.${source.reliability}`)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="source-events">
        <h2 id="source-events">{t("eventsTitle")}</h2>
        {source.events.length === 0 ? (
          <p className="muted">{t("eventsEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("eventsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("eventType")}</th>
                  <th scope="col">{t("eventDate")}</th>
                  <th scope="col">{t("eventProvince")}</th>
                  <th scope="col">{t("eventPeople")}</th>
                  <th scope="col">{t("credibility")}</th>
                </tr>
              </thead>
              <tbody>
                {source.events.map((event) => (
                  <tr key={event.id}>
                    <td>
                      <Link href={`/events/${event.id}`}>{t(`eventTypes.${event.type}`)}</Link>
                    </td>
                    <td>{event.date}</td>
                    <td>{event.province ? provinceLabel(event.province) : none}</td>
                    <td>{event.people}</td>
                    <td>{event.credibility}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {source.eventCount > source.events.length && (
          <p className="muted">{t("eventsMore", { shown: source.events.length, count: source.eventCount })}</p>
        )}
      </section>
      {can(actor.role, "case.write") && (
        <section className="card" aria-labelledby="source-edit">
          <h2 id="source-edit">{t("editTitle")}</h2>
          <SourceForm source={source} />
        </section>
      )}
      {can(actor.role, "case.delete") && <DeleteSourceButton source={source} />}
    </>
  );
}
