"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { CaseOption } from "@/lib/data/case-list";
import { searchCasesAction } from "./actions";

/** Picks existing cases as an event's identified participants, searching by reference or name. */
export function ParticipantPicker(props: { value: CaseOption[]; onChange: (next: CaseOption[]) => void }) {
  const t = useTranslations("events");
  const [term, setTerm] = useState("");
  const [matches, setMatches] = useState<CaseOption[] | null>(null);

  useEffect(() => {
    if (term.trim().length < 2) return;
    const timer = setTimeout(async () => {
      const result = await searchCasesAction({ q: term });
      setMatches(result.ok ? result.data : []);
    }, 250);
    return () => clearTimeout(timer);
  }, [term]);

  const chosen = new Set(props.value.map((c) => c.id));
  const label = (c: CaseOption) => (c.fullName ? `${c.ref} · ${c.fullName}` : c.ref);
  return (
    <fieldset>
      <legend>{t("participants")}</legend>
      <p className="hint muted" id="participants-hint">
        {t("participantsHint")}
      </p>
      <ul className="chips" aria-live="polite">
        {props.value.map((c) => (
          <li key={c.id}>
            {label(c)}{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => props.onChange(props.value.filter((v) => v.id !== c.id))}
            >
              {t("remove", { ref: c.ref })}
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor="participant-search">{t("participantSearch")}</label>
      <input
        id="participant-search"
        type="search"
        value={term}
        aria-describedby="participants-hint"
        onChange={(e) => {
          setTerm(e.target.value);
          if (e.target.value.trim().length < 2) setMatches(null);
        }}
      />
      {matches && (
        <ul className="matches" aria-label={t("participantSearch")}>
          {matches.length === 0 && <li className="muted">{t("noMatches")}</li>}
          {matches
            .filter((m) => !chosen.has(m.id))
            .map((m) => (
              <li key={m.id}>
                {label(m)}{" "}
                <button type="button" className="secondary" onClick={() => props.onChange([...props.value, m])}>
                  {t("add")}
                </button>
              </li>
            ))}
        </ul>
      )}
    </fieldset>
  );
}
