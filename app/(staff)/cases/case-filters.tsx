import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect, MonthFilter } from "@/app/_components/filters";
import { AGE_GROUP, CASE_STATUS, EVENT_TYPE, NK_PROVINCES, SEX } from "@/lib/domain/enums";
import type { CaseListQuery } from "@/lib/validation/case-list";

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared. */
export async function CaseFilters({ query, identity }: { query: CaseListQuery; identity: boolean }) {
  const t = await getTranslations();
  const select = (name: keyof CaseListQuery, label: string, options: { value: string; label: string }[]) => (
    <FilterSelect
      name={name}
      label={label}
      value={query[name] as string | undefined}
      options={options}
      any={t("cases.any")}
    />
  );
  return (
    <form className="filters card" method="get" action="/cases" aria-label={t("cases.filters")}>
      <div className="field">
        <label htmlFor="filter-q">{t("cases.search")}</label>
        <input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} aria-describedby="filter-q-hint" />
        <span id="filter-q-hint" className="hint">
          {identity ? t("cases.searchHintIdentity") : t("cases.searchHintRef")}
        </span>
      </div>
      {select(
        "status",
        t("cases.status"),
        CASE_STATUS.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
      )}
      {select(
        "eventType",
        t("cases.eventType"),
        EVENT_TYPE.map((s) => ({ value: s, label: t(`eventTypes.${s}`) })),
      )}
      {select(
        "province",
        t("cases.province"),
        NK_PROVINCES.map((p) => ({ value: p.code, label: p.label })),
      )}
      {select(
        "sex",
        t("cases.sex"),
        SEX.map((s) => ({ value: s, label: t(`sexes.${s}`) })),
      )}
      {select(
        "ageGroup",
        t("cases.ageGroup"),
        AGE_GROUP.map((s) => ({ value: s, label: t(`ageGroups.${s}`) })),
      )}
      <MonthFilter name="from" label={t("cases.from")} value={query.from} />
      <MonthFilter name="to" label={t("cases.to")} value={query.to} />
      <div className="field">
        <label htmlFor="filter-sort">{t("cases.sort")}</label>
        <select id="filter-sort" name="sort" defaultValue={query.sort}>
          <option value="ref">{t("cases.sortRef")}</option>
          <option value="-ref">{t("cases.sortRefDesc")}</option>
          <option value="-updated">{t("cases.sortUpdated")}</option>
          <option value="updated">{t("cases.sortUpdatedOldest")}</option>
        </select>
      </div>
      <div className="filter-actions">
        <button type="submit">{t("cases.apply")}</button>
        <Link href="/cases">{t("cases.clear")}</Link>
      </div>
    </form>
  );
}
