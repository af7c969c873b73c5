import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatNumber } from "@/i18n/format";
import { usePeopleList } from "../api";
import "../people.css";

const SHOWN = 5;

/** Under the customers list's search: the contact persons that match it, each with the customer they belong to,
 * so typing a contact's name finds their company. One people search of five results (at most 40 reads). */
export default function PeopleSearchStrip({ search }: { search: string }) {
  const { t, i18n } = useTranslation();
  const found = usePeopleList({ search, customerId: "", ownerId: "" }, SHOWN);
  const people = found.data?.pages[0]?.results ?? [];
  const total = found.data?.pages[0]?.total ?? 0;
  if (!people.length) return null;
  return (
    <section className="people-strip" aria-labelledby="people-strip-title">
      <h2 id="people-strip-title" className="small-title">{t("people.strip.title", { search })}</h2>
      <ul>
        {people.map((person) => (
          <li key={person.id}>
            <Link to={`/people/${person.id}`}>{person.name}</Link>
            {person.job_title && <span className="muted"> · {person.job_title}</span>}
            {" "}{t("people.strip.atCustomer")}{" "}
            <Link to={`/customers/${person.customer_id}`}>{person.customer_name}</Link>
          </li>
        ))}
      </ul>
      {total > SHOWN && (
        <Link to={`/people?q=${encodeURIComponent(search)}`}>
          {t("people.strip.more", { total: formatNumber(total, i18n.resolvedLanguage ?? "en") })}
        </Link>
      )}
    </section>
  );
}
