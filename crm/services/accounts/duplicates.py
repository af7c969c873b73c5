"""Likely duplicates: pairs of customers that share an email's mailbox, a phone, or a name (as it sounds) within
one organization, read from the keys held twice or more."""

from __future__ import annotations

from crm.domain.accounts.duplicates import DuplicatesPage, pairs_of
from crm.domain.accounts.merge import require_merger
from crm.identity import Caller
from crm.services.ports import DuplicateKeysReader

MAX_KEYS_PER_PAGE = 50


def list_duplicates(keys: DuplicateKeysReader, caller: Caller, *, page_size: int, cursor: str | None
                    ) -> DuplicatesPage:
    """Pairs from up to ``page_size`` shared keys (each pair once per page, with every reason the page found);
    a page costs its keys' reads, never a read of the customers. For managers and admins, who merge.

    Raises:
        PermissionDeniedError: the caller is not a manager or admin.
        InvalidArgumentError: the cursor is not one this list gave.
    """
    require_merger(caller)
    shared, next_cursor = keys.shared(min(page_size, MAX_KEYS_PER_PAGE), cursor)
    return DuplicatesPage(results=pairs_of(shared), next_cursor=next_cursor)
