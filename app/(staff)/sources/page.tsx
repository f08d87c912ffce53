import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/actor";
import { AccessDeniedError } from "@/lib/data/errors";
import { listSources } from "@/lib/data/sources";
import { isOneOf, SOURCE_KIND } from "@/lib/domain/enums";
import { formatFuzzyDate, fuzzyDateFromBounds } from "@/lib/domain/fuzzy-date";
import { can } from "@/lib/domain/policy";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sources"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** "14 July 2017" for a YYYY-MM-DD publication date. */
function formatDay(day: string | null): string | null {
  if (!day) return null;
  const date = fuzzyDateFromBounds(day, day);
  return date.ok ? formatFuzzyDate(date.value) : day;
}

export default async function SourcesPage(props: { searchParams: Promise<SearchParams> }) {
  const actor = await requireStaff();
  const raw = await props.searchParams;
  const q = first(raw.q)?.slice(0, 200);
  const kindParam = first(raw.kind);
  const kind = kindParam && isOneOf(SOURCE_KIND, kindParam) ? kindParam : undefined;
  const after = first(raw.after);
  const page = await listSources(actor, { q, kind, after }).catch((error: unknown) => {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  });
  const t = await getTranslations("sources");
  const filters = new URLSearchParams(Object.entries({ q, kind }).filter((e): e is [string, string] => Boolean(e[1])));
  const withCursor = (cursor: string) => `/sources?${new URLSearchParams([...filters, ["after", cursor]])}`;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {can(actor.role, "case.write") && (
        <p>
          <Link className="button" href="/sources/new">
            {t("newSource")}
          </Link>
        </p>
      )}
      <form className="card row-actions" method="get" action="/sources" role="search" aria-label={t("searchLabel")}>
        <div className="field">
          <label htmlFor="sources-q">{t("search")}</label>
          <input id="sources-q" name="q" type="search" defaultValue={q ?? ""} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="sources-kind">{t("kindFilter")}</label>
          <select id="sources-kind" name="kind" defaultValue={kind ?? ""}>
            <option value="">{t("allKinds")}</option>
            {SOURCE_KIND.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span aria-hidden="true">&nbsp;</span>
          <button type="submit">{t("searchButton")}</button>
        </div>
        {(q || kind) && (
          <div className="field">
            <span aria-hidden="true">&nbsp;</span>
            <Link href="/sources">{t("clearSearch")}</Link>
          </div>
        )}
      </form>
      <p role="status" data-testid="source-count">
        {t("count", { count: page.total })}
      </p>
      {page.sources.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t("tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("titleField")}</th>
                <th scope="col">{t("kind")}</th>
                <th scope="col">{t("publisher")}</th>
                <th scope="col">{t("publishedOn")}</th>
                <th scope="col">{t("reliability")}</th>
              </tr>
            </thead>
            <tbody>
              {page.sources.map((source) => (
                <tr key={source.id} data-testid={`source-row-${source.id}`}>
                  <td>
                    <Link prefetch={false} href={`/sources/${source.id}`}>
                      {source.title}
                    </Link>{" "}
                    {source.confidential && <span className="badge">{t("confidentialBadge")}</span>}
                  </td>
                  <td>{t(`kinds.${source.kind}`)}</td>
                  <td>{source.publisher ?? t("none")}</td>
                  <td>{formatDay(source.publishedOn) ?? t("none")}</td>
                  <td>{t(`reliabilities.${source.reliability}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("tableCaption")}>
        {after && <Link href={`/sources?${filters}`}>{t("firstPage")}</Link>}{" "}
        {page.nextAfter && <Link href={withCursor(page.nextAfter)}>{t("nextPage")}</Link>}
      </nav>
    </>
  );
}
