import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { describePlace } from "@/app/_components/event-timeline";
import { FilterSelect, MonthFilter } from "@/app/_components/filters";
import { requireStaff } from "@/lib/auth/actor";
import { listEvents } from "@/lib/data/event-list";
import { EVENT_TYPE } from "@/lib/domain/enums";
import { formatFuzzyDate } from "@/lib/domain/fuzzy-date";
import { formatPeopleCount } from "@/lib/domain/people-count";
import { can } from "@/lib/domain/policy";
import { eventListQuerySchema } from "@/lib/validation/event-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events"))("title") };
}

export default async function EventsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireStaff();
  const raw = await props.searchParams;
  const query = eventListQuerySchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])),
  );
  const page = await listEvents(actor, query);
  const t = await getTranslations();
  const params = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "after"),
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("events.title")}</h1>
        {can(actor.role, "case.write") && (
          <Link className="button" href="/events/new">
            {t("events.new")}
          </Link>
        )}
      </div>
      <p className="muted">{t("events.intro")}</p>
      <form className="filters card" method="get" action="/events" aria-label={t("cases.filters")}>
        <FilterSelect
          name="type"
          label={t("events.type")}
          value={query.type}
          options={EVENT_TYPE.map((type) => ({ value: type, label: t(`eventTypes.${type}`) }))}
          any={t("events.any")}
        />
        <MonthFilter name="from" label={t("events.from")} value={query.from} />
        <MonthFilter name="to" label={t("events.to")} value={query.to} />
        <label className="check">
          <input type="checkbox" name="groups" value="1" defaultChecked={query.groups === "1"} />{" "}
          {t("events.groupOnly")}
        </label>
        <div className="filter-actions">
          <button type="submit">{t("events.apply")}</button>
          <Link href="/events">{t("cases.clear")}</Link>
        </div>
      </form>
      {page.rows.length === 0 ? (
        <p className="muted">{t("events.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("events.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("events.date")}</th>
                <th scope="col">{t("events.type")}</th>
                <th scope="col">{t("events.where")}</th>
                <th scope="col">{t("events.who")}</th>
                <th scope="col">{t("events.sources")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((event) => (
                <tr key={event.id}>
                  <td>
                    <Link prefetch={false} href={`/events/${event.id}`}>
                      {formatFuzzyDate(event.date)}
                    </Link>
                  </td>
                  <td>{t(`eventTypes.${event.type}`)}</td>
                  <td>{describePlace(event) || "—"}</td>
                  <td>
                    {t("events.identified", { count: event.identifiedCount })}
                    {(event.unidentified.low > 0 || event.unidentified.high === null) && (
                      <> · {t("events.unidentified", { count: formatPeopleCount(event.unidentified) })}</>
                    )}
                  </td>
                  <td>{event.sources.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("events.tableCaption")}>
        {page.next && (
          <Link href={`/events?${new URLSearchParams([...params, ["after", page.next]])}`}>{t("events.nextPage")}</Link>
        )}
      </nav>
    </>
  );
}
