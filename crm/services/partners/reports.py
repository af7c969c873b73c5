"""The programme's reports, read from the running totals (a handful of documents, however many clicks): a partner's
and a link's months, the programme's (with the events no partner is known for), and the month's leaderboard."""

from __future__ import annotations

from datetime import date

from crm.domain.common import utc_now
from crm.domain.partners import reports as rules
from crm.domain.partners.conversions import ConversionType
from crm.domain.partners.reports import (
    MAX_LINKS_IN_REPORT,
    Leaderboard,
    LeaderboardParams,
    LeaderboardRow,
    LinkFigures,
    LinkReport,
    MonthFigures,
    PartnerReport,
    ProgrammeMonth,
    ProgrammeReport,
    ReportParams,
)
from crm.domain.partners.visibility import check_visible
from crm.errors import InvalidArgumentError, NotFoundError
from crm.identity import Caller
from crm.services.partners.ports import LinkReader, PartnerReader, TotalsReader
from crm.services.partners.scope import own_partner_id


def partner_report(totals: TotalsReader, partners: PartnerReader, links: LinkReader, partner_id: str,
                   params: ReportParams, caller: Caller, today: date | None = None) -> PartnerReport:
    """Raises: NotFoundError: no such partner (that the caller may see)."""
    check_visible(own_partner_id(caller, partners), partner_id, f"partner {partner_id}")
    partner = partners.get(partner_id)
    if partner is None:
        raise NotFoundError(f"partner {partner_id} not found")
    months = _months(params, today)
    by_month = totals.partner_months(partner_id, months)
    partner_links = links.of_partner(partner_id, MAX_LINKS_IN_REPORT)
    by_link = totals.link_months([link.id for link in partner_links], months)
    link_rows = [LinkFigures(**rules.figures(rules.add_totals(by_link.get(link.id, {}).values())).model_dump(),
                             link_id=link.id, code=link.code) for link in partner_links]
    return PartnerReport(
        partner_id=partner.id, name=partner.name, from_month=months[0], to_month=months[-1],
        clicks_counted_through=totals.clicks_counted_through(),
        total=rules.figures(rules.add_totals(by_month.values())),
        months=[MonthFigures(**rules.figures(by_month.get(m)).model_dump(), month=m) for m in months],
        links=link_rows,
    )


def link_report(totals: TotalsReader, partners: PartnerReader, links: LinkReader, link_id: str,
                params: ReportParams, caller: Caller, today: date | None = None) -> LinkReport:
    link = links.get(link_id)
    if link is None:
        raise NotFoundError(f"link {link_id} not found")
    check_visible(own_partner_id(caller, partners), link.partner_id, f"link {link_id}")
    months = _months(params, today)
    by_month = totals.link_months([link_id], months).get(link_id, {})
    return LinkReport(
        link_id=link.id, code=link.code, partner_id=link.partner_id, from_month=months[0], to_month=months[-1],
        clicks_counted_through=totals.clicks_counted_through(),
        total=rules.figures(rules.add_totals(by_month.values())),
        months=[MonthFigures(**rules.figures(by_month.get(m)).model_dump(), month=m) for m in months],
    )


def programme_report(totals: TotalsReader, params: ReportParams, today: date | None = None) -> ProgrammeReport:
    months = _months(params, today)
    by_month = totals.programme_months(months)
    rows = []
    unattributed: dict[ConversionType, int] = {}
    for month in months:
        document = by_month.get(month, {})
        counts = {ConversionType(k): int(v) for k, v in (document.get("unattributed") or {}).items()}
        for kind, count in counts.items():
            unattributed[kind] = unattributed.get(kind, 0) + count
        rows.append(ProgrammeMonth(**rules.figures(document).model_dump(), month=month, unattributed=counts,
                                   unattributed_reasons=document.get("unattributed_reasons") or {}))
    return ProgrammeReport(from_month=months[0], to_month=months[-1],
                           clicks_counted_through=totals.clicks_counted_through(),
                           total=rules.figures(rules.add_totals(by_month.values())), unattributed=unattributed,
                           months=rows)


def leaderboard(totals: TotalsReader, partners: PartnerReader, params: LeaderboardParams,
                today: date | None = None) -> Leaderboard:
    day = today or utc_now().date()
    month = params.month or f"{day.year:04d}-{day.month:02d}"
    top = totals.top_partners(month, rules.metric_field(params.metric, params.currency), params.limit)
    names = {partner.id: partner.name for partner in partners.get_many([partner_id for partner_id, _ in top])}
    rows = [LeaderboardRow(rank=rank, partner_id=partner_id, name=names.get(partner_id, partner_id),
                           figures=rules.figures(document))
            for rank, (partner_id, document) in enumerate(top, start=1)]
    return Leaderboard(month=month, metric=params.metric, currency=params.currency, rows=rows)


def _months(params: ReportParams, today: date | None) -> list[str]:
    try:
        return params.months(today or utc_now().date())
    except ValueError as exc:
        raise InvalidArgumentError(str(exc), [{"field": "from", "message": str(exc)}]) from None
