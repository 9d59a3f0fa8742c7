/** A group of checkboxes (people or topics to follow) with a legend. */
export function Checklist({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: { id: string; label: string }[];
  value: string[];
  onChange(next: string[]): void;
}) {
  return (
    <fieldset class="checklist">
      <legend>{legend}</legend>
      {options.length === 0 && <p class="hint">None on the watchlist.</p>}
      {options.map((o) => (
        <label key={o.id} class="check">
          <input
            type="checkbox"
            checked={value.includes(o.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...value, o.id] : value.filter((v) => v !== o.id))}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
