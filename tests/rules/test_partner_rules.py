"""firestore.rules and the partner programme: the console reaches the programme only through the API, so no client
reads or writes any of its collections, whatever the role; and an affiliate reads nothing of the CRM itself."""

from __future__ import annotations

import pytest

from crm.store.partners.collections import PartnerCollectionNames

NAMES = PartnerCollectionNames("")
PROGRAMME = sorted(getattr(NAMES, name) for name in dir(PartnerCollectionNames)
                   if isinstance(getattr(PartnerCollectionNames, name), property))
ROLES = ["admin", "manager", "affiliate", "rep", "viewer", None]
USER = "user-1"


@pytest.mark.parametrize(("collection", "role"), [
    pytest.param(collection, role, id=f"{collection}-{role or 'signed-out'}")
    for collection in PROGRAMME for role in ROLES
])
def test_no_client_reads_or_writes_the_programme(admin_db, as_user, unique, collection, role):
    admin_db.collection(collection).document(unique).set({"partner_id": USER, "owner_id": USER, "uid": USER})
    user = as_user(USER, role)
    assert (user.get(f"{collection}/{unique}"), user.write(f"{collection}/{unique}")) == (403, 403)


@pytest.mark.parametrize("collection", ["customers", "deals", "orders", "activities", "pipelines"])
def test_an_affiliate_reads_nothing_of_the_crm(admin_db, as_user, unique, collection):
    admin_db.collection(collection).document(unique).set({"owner_id": USER, "deleted_at": None})
    assert as_user(USER, "affiliate").get(f"{collection}/{unique}") == 403
