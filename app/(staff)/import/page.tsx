import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/actor";
import { AccessDeniedError } from "@/lib/data/errors";
import { authorizeImport } from "@/lib/data/import";
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES } from "@/lib/domain/csv-import";
import { ImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

export default async function ImportPage() {
  const actor = await requireStaff();
  await authorizeImport(actor).catch((error: unknown) => {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  });
  const t = await getTranslations("import");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <section className="card">
        <ImportForm maxBytes={MAX_IMPORT_BYTES} />
      </section>
      <section className="card" aria-labelledby="import-columns">
        <h2 id="import-columns">{t("columnsTitle")}</h2>
        <p>{t("columnsIntro")}</p>
        <p>
          <a href="/import/template" download>
            {t("templateLink")}
          </a>
        </p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("columnName")}</th>
                <th scope="col">{t("columnMeaning")}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_COLUMNS.map((column) => (
                <tr key={column}>
                  <th scope="row">
                    <code>{column}</code>
                  </th>
                  <td>{t(`columns.${column}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t("sourcesNote")}</p>
      </section>
    </>
  );
}
