"use client";

import { useTranslations } from "next-intl";
import type { FieldError } from "react-hook-form";

/**
 * A labelled form control with its hint and error tied to it (aria-describedby), so screen
 * readers announce both. `error.message` is a key of the `validation` catalogue, or a sentence from
 * a domain parser (fuzzy dates, people counts), shown as written.
 */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: FieldError | { message?: string };
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const t = useTranslations("validation");
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error?.message ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children({ id: props.id, "aria-invalid": Boolean(errorId), "aria-describedby": describedBy })}
      {props.hint && (
        <span id={hintId} className="hint">
          {props.hint}
        </span>
      )}
      {errorId && (
        <span id={errorId} className="error" role="alert">
          {/* Catalogue keys are translated; the domain parsers' own explanations are shown as written. */}
          {t.has(props.error!.message!) ? t(props.error!.message!) : props.error!.message}
        </span>
      )}
    </div>
  );
}
