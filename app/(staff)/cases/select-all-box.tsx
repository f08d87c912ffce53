"use client";

/** Ticks or clears every row checkbox that belongs to the form `formId`. */
export function SelectAllBox(props: { formId: string; label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={props.label}
      onChange={(event) => {
        const checked = event.currentTarget.checked;
        document
          .querySelectorAll<HTMLInputElement>(`input[type=checkbox][name=caseId][form="${props.formId}"]`)
          .forEach((box) => (box.checked = checked));
      }}
    />
  );
}
