"""Tag registry use cases: list and read tags with their counts, create one with its colour, change its colour and
description, delete an unused one."""

from __future__ import annotations

from crm.domain import access
from crm.domain.access import Access
from crm.domain.common import utc_now
from crm.domain.tags import registry as rules
from crm.domain.tags.registry import Tag, TagCreate, TagListParams, TagsPage, TagUpdate
from crm.errors import AlreadyExistsError, FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.ports import TagReader, Transaction, Transactions


def list_tags(reader: TagReader, params: TagListParams, caller: Caller) -> TagsPage:
    """The registry by name; counts only for callers who see company-wide figures."""
    page = TagsPage.of(reader.list(params), params.page_size)
    return page.model_copy(update={"results": [shown(tag, caller) for tag in page.results]})


def get_tag(reader: TagReader, tag_id: str, caller: Caller) -> Tag:
    tag = reader.get(tag_id)
    if tag is None:
        raise _not_found(tag_id)
    return shown(tag, caller)


def create_tag(transactions: Transactions, data: TagCreate, caller: Caller) -> Tag:
    """Register a tag (with its colour) before any record carries it.

    Raises:
        AlreadyExistsError: the tag exists (registered, or carried by a record).
    """

    def work(tx: Transaction) -> Tag:
        existing = tx.tags.named(data.name)
        if existing is not None:
            message = f"tag {data.name} already exists: change it with PATCH /api/crm/tags/{existing.id}"
            raise AlreadyExistsError(message, [{"field": "name", "value": data.name, "tag_id": existing.id,
                                                "message": message}])
        tag = rules.new_tag(data, now=utc_now())
        tx.tags.put(tag)
        return tag

    return transactions.run(work, actor=caller)


def update_tag(transactions: Transactions, tag_id: str, data: TagUpdate, caller: Caller) -> Tag:
    def work(tx: Transaction) -> Tag:
        tag = tx.tags.get(tag_id)
        if tag is None:
            raise _not_found(tag_id)
        changed = rules.apply_update(tag, data, now=utc_now())
        tx.tags.put(changed)
        return changed

    return transactions.run(work, actor=caller, lock=[f"tags/{tag_id}"])


def delete_tag(transactions: Transactions, tag_id: str, caller: Caller) -> None:
    """Remove an unused tag from the registry.

    Raises:
        FailedPreconditionError: records carry it (merge it into another tag instead), or a job is moving it.
    """

    def work(tx: Transaction) -> None:
        tag = tx.tags.get(tag_id)
        if tag is None:
            raise _not_found(tag_id)
        if tag.in_use() or tag.renaming:
            raise FailedPreconditionError(
                f"tag {tag.name} is carried by {tag.customer_count or 0} customers and {tag.deal_count or 0} deals"
                f"{' and is being renamed' if tag.renaming else ''}: merge it into another tag instead",
                [{"customer_count": tag.customer_count or 0, "deal_count": tag.deal_count or 0}])
        tx.tags.delete(tag_id)

    transactions.run(work, actor=caller, lock=[f"tags/{tag_id}"])


def shown(tag: Tag, caller: Caller) -> Tag:
    """The tag as ``caller`` may see it: counts are company-wide figures, not for a rep."""
    if access.allows(caller.role, Access.REPORTS):
        return tag.model_copy(update={"customer_count": tag.customer_count or 0, "deal_count": tag.deal_count or 0})
    return tag.model_copy(update={"customer_count": None, "deal_count": None})


def _not_found(tag_id: str) -> NotFoundError:
    return NotFoundError(f"tag {tag_id} not found")
