import { getFormatter, getTranslations } from "next-intl/server";
import type { TallyResult, TallyRow } from "@/lib/domain/tally";
import { formatHigh } from "./tally-labels";

/**
 * The monthly series as a table: the chart's text alternative, with the same numbers. A month whose
 * high exceeds its low says why: events spanning several months (with how many people), or counts
 * given as a range. "+" marks a high with no upper limit, and the whole period comes last.
 */
export async function TallyTable(props: {
  result: TallyResult;
  caption: string;
  monthName: (month: string) => string;
}) {
  const t = await getTranslations("stats");
  const format = await getFormatter();
  const { result } = props;
  const note = ({ low, high, open, spanning = 0 }: TallyRow) =>
    [
      spanning > 0 ? t("spanningNote", { count: format.number(spanning) }) : null,
      high - spanning > low ? t("rangeNote") : null,
      open ? t("openNote") : null,
    ]
      .filter(Boolean)
      .join(". ");
  return (
    <div className="table-wrap">
      <table data-testid="tally-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("month")}</th>
            <th scope="col">{t("low")}</th>
            <th scope="col">{t("high")}</th>
            <th scope="col">{t("note")}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={row.key} data-spanning={(row.spanning ?? 0) > 0 || undefined}>
              <th scope="row">
                <time dateTime={row.key}>{props.monthName(row.key)}</time>
              </th>
              <td>{format.number(row.low)}</td>
              <td>{formatHigh(format.number(row.high), row.open)}</td>
              <td>{note(row)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("wholePeriod")}</th>
            <td>{format.number(result.total.low)}</td>
            <td>{formatHigh(format.number(result.total.high), result.total.open)}</td>
            <td>{[t("wholePeriodNote"), result.total.open ? t("openNote") : null].filter(Boolean).join(". ")}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
