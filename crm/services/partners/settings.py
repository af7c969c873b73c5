"""The programme's settings and its commission plans: read by managers, changed by admins (settings) and managers
(plans)."""

from __future__ import annotations

from crm.domain.common import require_version, utc_now
from crm.domain.partners import plans as plan_rules
from crm.domain.partners import programme as programme_rules
from crm.domain.partners.plans import CommissionPlan, PlanCreate, PlansPage, PlanUpdate
from crm.domain.partners.programme import PartnerProgramme, PartnerProgrammeUpdate
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.partners.ports import PartnerTransaction, PartnerTransactions, PlanReader


def get_programme(transactions: PartnerTransactions, caller: Caller) -> PartnerProgramme:
    def work(tx: PartnerTransaction) -> PartnerProgramme:
        return tx.partners.programme.get()

    return transactions.run(work, actor=caller)


def update_programme(transactions: PartnerTransactions, data: PartnerProgrammeUpdate,
                     caller: Caller) -> PartnerProgramme:
    """Replace the settings given. Links already made keep their destination; one whose host leaves the allowed list
    stops redirecting (within a minute, as instances refresh the list)."""

    def work(tx: PartnerTransaction) -> PartnerProgramme:
        updated = programme_rules.apply_update(tx.partners.programme.get(), data)
        tx.partners.programme.put(updated)
        return updated

    return transactions.run(work, actor=caller, lock=["crm_config/partner_programme"])


def create_plan(transactions: PartnerTransactions, data: PlanCreate, caller: Caller) -> CommissionPlan:
    def work(tx: PartnerTransaction) -> CommissionPlan:
        plan = plan_rules.new_plan(data, plan_id=tx.partners.plans.new_id(), now=utc_now())
        tx.partners.plans.put(plan)
        return plan

    return transactions.run(work, actor=caller)


def update_plan(transactions: PartnerTransactions, plan_id: str, data: PlanUpdate, caller: Caller,
                if_match: str | None = None) -> CommissionPlan:
    """Changes apply to conversions from now on; commissions already earned keep their amount.

    Raises:
        NotFoundError: no such plan.
        ValidationFailedError: a recurring plan without its months.
    """

    def work(tx: PartnerTransaction) -> CommissionPlan:
        plan = tx.partners.plans.get(plan_id)
        if plan is None:
            raise NotFoundError(f"commission plan {plan_id} not found")
        require_version(plan, if_match, "commission plan")
        updated = plan_rules.apply_update(plan, data, now=utc_now())
        tx.partners.plans.put(updated)
        return updated

    return transactions.run(work, actor=caller, lock=[f"partner_plans/{plan_id}"])


def get_plan(plans: PlanReader, plan_id: str) -> CommissionPlan:
    plan = plans.get(plan_id)
    if plan is None:
        raise NotFoundError(f"commission plan {plan_id} not found")
    return plan


def list_plans(plans: PlanReader) -> PlansPage:
    found = plans.all()
    return PlansPage(results=found, total=len(found))
