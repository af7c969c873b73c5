/** The tag picker of every record (customers, deals): tags separated by commas, the one being typed completed from
 * the tag registry (a native datalist, so the keyboard and screen readers work as with any suggestion list). */
import { useId, useState, type ChangeEvent, type InputHTMLAttributes, type Ref } from "react";
import { TextField } from "./fields";
import { typingTag, useTagSuggestions } from "./tags";
import { useDebounced } from "./useDebounced";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: string;
  error?: string;
  ref?: Ref<HTMLInputElement>;
};

export function TagsField({ onChange, defaultValue, ...input }: Props) {
  const listId = useId();
  const [typed, setTyped] = useState(String(defaultValue ?? input.value ?? ""));
  const { done, typing } = typingTag(typed);
  const prefix = useDebounced(typing, 250);
  const suggestions = useTagSuggestions(prefix);
  const offered = (suggestions.data?.results ?? []).filter((tag) => !done.includes(tag.name));
  return (
    <>
      <TextField {...input} defaultValue={defaultValue} list={listId} autoComplete="off"
        onChange={(event: ChangeEvent<HTMLInputElement>) => { setTyped(event.target.value); onChange?.(event); }} />
      <datalist id={listId}>
        {offered.map((tag) => <option key={tag.id} value={[...done, tag.name].join(", ")} label={tag.name} />)}
      </datalist>
    </>
  );
}
