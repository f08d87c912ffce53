// Controls of the GET filter forms (cases, events, statistics): their values live in the URL.

export function FilterSelect(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  /** The label of the empty choice ("Any"); omit when a value is required. */
  any?: string;
}) {
  const id = `filter-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""}>
        {props.any !== undefined && <option value="">{props.any}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A month input (YYYY-MM); `describedBy` ties it to a hint or an error shown beside the form. */
export function MonthFilter(props: {
  name: string;
  label: string;
  value: string | undefined;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const id = `filter-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="month"
        required={props.required}
        defaultValue={props.value?.slice(0, 7) ?? ""}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
      />
    </div>
  );
}
