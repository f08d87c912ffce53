import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CaseListRow } from "@/lib/data/case-list";
import { nkProvinceLabel } from "@/lib/domain/enums";
import { SelectAllBox } from "./select-all-box";

/** `selectionFormId`: rows get a checkbox belonging to that form (sharing a selection). */
export async function CaseTable({
  rows,
  identity,
  selectionFormId,
}: {
  rows: CaseListRow[];
  identity: boolean;
  selectionFormId?: string;
}) {
  const t = await getTranslations();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("cases.tableCaption")}</caption>
        <thead>
          <tr>
            {selectionFormId && (
              <th scope="col">
                <SelectAllBox formId={selectionFormId} label={t("shares.selectAll")} />
              </th>
            )}
            <th scope="col">{t("cases.ref")}</th>
            <th scope="col">{t("cases.name")}</th>
            <th scope="col">{t("cases.status")}</th>
            <th scope="col">{t("cases.sex")}</th>
            <th scope="col">{t("cases.ageGroup")}</th>
            <th scope="col">{t("cases.origin")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {selectionFormId && (
                <td>
                  <input
                    type="checkbox"
                    form={selectionFormId}
                    name="caseId"
                    value={row.id}
                    aria-label={t("shares.selectCase", { ref: row.ref })}
                  />
                </td>
              )}
              <td>
                <Link prefetch={false} href={`/cases/${row.id}`}>
                  {row.ref}
                </Link>
              </td>
              <td>
                {identity ? (
                  (row.fullName ?? <span className="muted">{t("cases.unnamed")}</span>)
                ) : (
                  <span className="muted">{t("cases.redacted")}</span>
                )}
              </td>
              <td>
                <span className={`badge status-${row.status.toLowerCase()}`}>{t(`statuses.${row.status}`)}</span>
              </td>
              <td>{t(`sexes.${row.sex}`)}</td>
              <td>{t(`ageGroups.${row.ageGroup}`)}</td>
              <td>{row.originProvince ? (nkProvinceLabel(row.originProvince) ?? row.originProvince) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
