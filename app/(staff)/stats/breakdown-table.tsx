import { getFormatter, getTranslations } from "next-intl/server";
import type { TallyResult } from "@/lib/domain/tally";
import { breakdownKeyLabel, formatHigh, orderBreakdownRows, type StatsBreakdown } from "./tally-labels";

/** One breakdown of the whole period (by province, sex, age group or status), with its total. */
export async function BreakdownTable(props: { by: StatsBreakdown; result: TallyResult; caption: string }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const { by, result } = props;
  const rows = orderBreakdownRows(t, by, result.rows);
  return (
    <div className="table-wrap">
      <table data-testid={`breakdown-${by}`}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`stats.${by}`)}</th>
            <th scope="col">{t("stats.low")}</th>
            <th scope="col">{t("stats.high")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {t("stats.noPeople")}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{breakdownKeyLabel(t, by, row.key)}</th>
              <td>{format.number(row.low)}</td>
              <td>{formatHigh(format.number(row.high), row.open)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("stats.total")}</th>
            <td>{format.number(result.total.low)}</td>
            <td>{formatHigh(format.number(result.total.high), result.total.open)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
