/** The first cell of a row (or of the header) in a list whose rows can be ticked for a change to all of them. */
interface Props {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  header?: boolean;
}

export function TickBox({ label, checked, onChange, header }: Props) {
  const box = <input type="checkbox" aria-label={label} checked={checked}
    onChange={(event) => onChange(event.target.checked)} />;
  // narrow-col: a record table gives the boxes no more room than they need.
  return header ? <th scope="col" className="select-cell narrow-col">{box}</th>
    : <td className="select-cell narrow-col">{box}</td>;
}
