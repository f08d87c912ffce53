import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ShareRow } from "@/lib/data/share-list";
import { RevokeShareButton } from "./revoke-share-button";

/** Share grants with their status; grants not yet revoked can be revoked from here. */
export async function ShareTable(props: { rows: ShareRow[]; caption: string; showCase: boolean }) {
  const t = await getTranslations();
  if (props.rows.length === 0) return <p className="muted">{t("shares.none")}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="share-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("shares.shareRef")}</th>
            {props.showCase && <th scope="col">{t("shares.case")}</th>}
            <th scope="col">{t("shares.organisation")}</th>
            <th scope="col">{t("shares.profile")}</th>
            <th scope="col">{t("shares.expiresOn")}</th>
            <th scope="col">{t("shares.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("shares.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id}>
              <td>
                <code>{row.shareRef}</code>
              </td>
              {props.showCase && (
                <td>
                  <Link prefetch={false} href={`/cases/${row.case.id}`}>
                    {row.case.ref}
                  </Link>
                </td>
              )}
              <td>{row.organisation.name}</td>
              <td>{t(`shares.profiles.${row.profile}`)}</td>
              <td>{row.expiresOn}</td>
              <td>
                <span className={`badge share-${row.status.toLowerCase()}`}>{t(`shares.statuses.${row.status}`)}</span>
              </td>
              <td>
                {row.status !== "REVOKED" && (
                  <RevokeShareButton grantId={row.id} shareRef={row.shareRef} organisation={row.organisation.name} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
