import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { EventSummary } from "@/lib/data/event-summary";
import { cnProvinceLabel, nkProvinceLabel } from "@/lib/domain/enums";
import { formatFuzzyDate } from "@/lib/domain/fuzzy-date";
import { formatPeopleCount } from "@/lib/domain/people-count";

export function provinceLabel(country: string | null, province: string | null): string | null {
  if (!province) return null;
  return (country === "KP" ? nkProvinceLabel(province) : cnProvinceLabel(province)) ?? province;
}

/** Where an event happened, most precise part first: facility, place, province, country. */
export function describePlace(event: Pick<EventSummary, "country" | "province" | "place" | "facility">): string {
  return [event.facility, event.place, provinceLabel(event.country, event.province), event.country]
    .filter(Boolean)
    .join(", ");
}

/**
 * Events in order, with dates as honest as their sources ("July–August 2017", "2017 (year only)")
 * and people counts as reported ("about 60", "41+").
 */
export async function EventTimeline({ events, empty }: { events: EventSummary[]; empty: string }) {
  const t = await getTranslations();
  if (events.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <Link href={`/events/${event.id}`}>
            <strong>{t(`eventTypes.${event.type}`)}</strong>
          </Link>{" "}
          · <span data-testid="event-date">{formatFuzzyDate(event.date)}</span>
          {describePlace(event) && <> · {describePlace(event)}</>}
          <div className="muted">
            {t("events.identified", { count: event.identifiedCount })}
            {(event.unidentified.low > 0 || event.unidentified.high === null) && (
              <> · {t("events.unidentified", { count: formatPeopleCount(event.unidentified) })}</>
            )}
            {event.sources.length > 0 && (
              <> · {event.sources.map((s) => `${s.title} (${s.reliability}${s.credibility})`).join("; ")}</>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
