import { useTranslation } from "react-i18next";
import { TextField } from "@/components/fields";
import { UTM_FIELDS, type LinkField, type LinkFormValues } from "../logic/linkForm";

interface Props {
  values: LinkFormValues;
  errors: Record<string, string>;
  onChange: (field: LinkField, value: string) => void;
  /** A link's code is chosen once, when it is made (a new one would break the addresses already shared). */
  withCode: boolean;
}

/** A tracked link's destination, code, campaign and UTM fields, each with the API's message under it. */
export function LinkFields({ values, errors, onChange, withCode }: Props) {
  const { t } = useTranslation();
  const field = (name: LinkField, extra: { hint?: string; className?: string; required?: boolean } = {}) => (
    <TextField key={name} label={t(`partners.linkFields.${name}`)} value={values[name]} error={errors[name]}
      onChange={(e) => onChange(name, e.target.value)} {...extra} />
  );
  return (
    <div className="filters">
      {field("destination", { className: "grow", required: true, hint: t("partners.destinationHint") })}
      {withCode && field("code", { hint: t("partners.codeHint") })}
      {field("campaign")}
      {UTM_FIELDS.map((name) => field(name))}
    </div>
  );
}
