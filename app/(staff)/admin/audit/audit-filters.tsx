import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AuditFilters } from "@/lib/validation/audit";

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared. */
export async function AuditFilterForm({ filters }: { filters: AuditFilters }) {
  const t = await getTranslations("audit");
  const input = (name: Exclude<keyof AuditFilters, "after">, type: "text" | "date", hint?: string) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{t(name)}</label>
      <input
        id={`filter-${name}`}
        name={name}
        type={type}
        defaultValue={filters[name] ?? ""}
        aria-describedby={hint ? `filter-${name}-hint` : undefined}
      />
      {hint && (
        <span id={`filter-${name}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
  return (
    <form className="filters card" method="get" action="/admin/audit" aria-label={t("filters")}>
      {input("actor", "text", t("actorHint"))}
      {input("action", "text", t("actionHint"))}
      {input("entityType", "text")}
      {input("entityId", "text")}
      {input("from", "date")}
      {input("to", "date")}
      <div className="filter-actions">
        <button type="submit">{t("apply")}</button>
        <Link href="/admin/audit">{t("clear")}</Link>
      </div>
    </form>
  );
}
