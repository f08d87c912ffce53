"use client";

import { useTranslations } from "next-intl";

const show = (value: unknown) =>
  Array.isArray(value) ? value.join(", ") : value === null || value === undefined || value === "" ? "—" : String(value);

/**
 * Tells the user that someone else saved first, field by field, and lets them load that version.
 * Nothing was overwritten: their own edits stay in the form until they choose.
 */
export function ConflictNotice(props: {
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  onReload: () => void;
}) {
  const t = useTranslations("cases");
  const normalise = (key: string, value: unknown) =>
    key === "aliases" && typeof value === "string"
      ? value
          .split("\n")
          .map((a) => a.trim())
          .filter(Boolean)
      : value;
  const fields = Object.keys(props.theirs).filter(
    (key) => key !== "version" && show(normalise(key, props.mine[key])) !== show(props.theirs[key]),
  );
  return (
    <div className="alert error" role="alert">
      <p>{t("conflictTitle")}</p>
      <ul>
        {fields.map((key) => (
          <li key={key}>
            {t("conflictField", {
              field: t.has(key) ? t(key) : key === "originProvince" ? t("origin_label") : key,
              theirs: show(props.theirs[key]),
              yours: show(normalise(key, props.mine[key])),
            })}
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={props.onReload}>
        {t("conflictReload")}
      </button>
    </div>
  );
}
