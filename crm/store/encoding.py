"""Documents encoded for a write straight into Firestore's protocol buffers.

The client library builds every value of a document as a proto-plus object and copies it into its parent, which
costs ten times what filling the protocol buffers in place costs; a customer carries about 440 values (most of them
its search keys), so that copying was most of the CPU time of every write. ``encoded_write`` fills the buffers in
place for documents made of plain values (what the store's ``*_to_document`` functions produce), with server timestamps
in top-level fields (audit entries, webhook events), and answers None for anything else (other transforms,
references, bytes), which the caller then hands to the library. ``encoded_merge`` does the same for a merge set
(``set(..., merge=True)``) of plain values, deleted fields, server-side increments and server timestamps: the
running totals, counts and duplicate keys every record write changes.
The result is byte for byte what the library would send (``tests/unit/test_store_encoding.py``).
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.field_path import render_field_path
from google.cloud.firestore_v1.transforms import (
    DELETE_FIELD,
    SERVER_TIMESTAMP,
    ArrayRemove,
    ArrayUnion,
    Increment,
    Maximum,
    Minimum,
    Sentinel,
)
from google.cloud.firestore_v1.types import common, write

_WRITE = write.Write.pb()
_NOT_EXISTING = common.Precondition.pb()(exists=False)
_REQUEST_TIME = write.DocumentTransform.FieldTransform.ServerValue.REQUEST_TIME
_SIMPLE_NAME = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")


class _Unsupported(Exception):
    """A value the fast path leaves to the client library."""


def stage_write(writes: firestore.Transaction | firestore.WriteBatch, ref: firestore.DocumentReference,
                data: dict[str, Any], *, create: bool = False) -> None:
    """Stage a create or a whole-document set in a transaction or a batch, encoded here where it can be."""
    encoded = encoded_write(ref._document_path, data, create=create)
    if encoded is not None:
        writes._add_write_pbs([encoded])
    elif create:
        writes.create(ref, data)
    else:
        writes.set(ref, data)


def stage_merge(writes: firestore.Transaction | firestore.WriteBatch, ref: firestore.DocumentReference,
                data: dict[str, Any]) -> None:
    """Stage a merge set (``set(ref, data, merge=True)``) in a transaction or a batch, encoded here where it can be."""
    encoded = encoded_merge(ref._document_path, data)
    if encoded is not None:
        writes._add_write_pbs([encoded])
    else:
        writes.set(ref, data, merge=True)


def encoded_merge(document_path: str, data: dict[str, Any]) -> write.Write | None:
    """The ``Write`` that merges ``data`` into the document at ``document_path`` (every leaf named in its mask,
    increments and server timestamps as transforms), or None when ``data`` holds a value only the client library
    knows how to send."""
    pb = _WRITE()
    pb.update.name = document_path
    fields: dict[str, Any] = {}
    mask: list[tuple[str, ...]] = []
    transforms: list[tuple[tuple[str, ...], Any]] = []
    try:
        _split_merge(data, (), fields, mask, transforms)
        _fill_map(pb.update.fields, fields)
    except _Unsupported:
        return None
    pb.update_mask.SetInParent()
    pb.update_mask.field_paths.extend(render_field_path(path) for path in sorted(mask))
    for path, step in sorted(transforms, key=lambda transform: transform[0]):
        transform = pb.update_transforms.add(field_path=render_field_path(path))
        if step is SERVER_TIMESTAMP:
            transform.set_to_server_value = _REQUEST_TIME
        else:
            _fill(transform.increment, step)
    return write.Write.wrap(pb)


def _split_merge(data: dict[str, Any], prefix: tuple[str, ...], fields: dict[str, Any], mask: list[tuple[str, ...]],
                 transforms: list[tuple[tuple[str, ...], Any]]) -> None:
    """Sort a merge's leaves into the values to write (``fields``, their paths in ``mask``), the deleted fields (in
    ``mask`` alone) and the transforms, as the library's DocumentExtractorForMerge does."""
    for key, value in data.items():
        if not isinstance(key, str):
            raise _Unsupported
        path = (*prefix, key)
        if isinstance(value, dict) and value:
            inner: dict[str, Any] = {}
            _split_merge(value, path, inner, mask, transforms)
            if inner:
                fields[key] = inner
        elif value is DELETE_FIELD:
            mask.append(path)
        elif value is SERVER_TIMESTAMP:
            transforms.append((path, SERVER_TIMESTAMP))
        elif type(value) is Increment:
            transforms.append((path, value.value))
        elif isinstance(value, Sentinel | ArrayUnion | ArrayRemove | Maximum | Minimum):
            raise _Unsupported
        else:
            fields[key] = value
            mask.append(path)


def encoded_write(document_path: str, data: dict[str, Any], *, create: bool) -> write.Write | None:
    """The ``Write`` that sets the document at ``document_path`` to ``data`` (failing if it exists when
    ``create``), or None when ``data`` holds a value only the client library knows how to send."""
    pb = _WRITE()
    pb.update.name = document_path
    stamped = [key for key, value in data.items() if value is SERVER_TIMESTAMP]
    if any(not _SIMPLE_NAME.fullmatch(key) for key in stamped):
        return None
    try:
        _fill_map(pb.update.fields, {key: value for key, value in data.items() if value is not SERVER_TIMESTAMP}
                  if stamped else data)
    except _Unsupported:
        return None
    if create:
        pb.current_document.CopyFrom(_NOT_EXISTING)
    for key in sorted(stamped):
        pb.update_transforms.add(field_path=key, set_to_server_value=_REQUEST_TIME)
    return write.Write.wrap(pb)


def _fill_map(fields: Any, data: dict[str, Any]) -> None:
    for key, value in data.items():
        if not isinstance(key, str):
            raise _Unsupported
        kind = type(value)  # the search maps' thousands of integers and booleans skip a call each
        if kind is int:
            fields[key].integer_value = value
        elif kind is bool:
            fields[key].boolean_value = value
        elif kind is str:
            fields[key].string_value = value
        else:
            _fill(fields[key], value)


def _fill(target: Any, value: Any) -> None:
    """Write ``value`` into the ``Value`` message ``target`` (a fresh one), as the library's encode_value would."""
    if isinstance(value, str):
        target.string_value = value
    elif value is None:
        target.null_value = 0
    elif isinstance(value, bool):
        target.boolean_value = value
    elif isinstance(value, int):
        target.integer_value = value
    elif isinstance(value, float):
        target.double_value = value
    elif isinstance(value, dict):
        target.map_value.SetInParent()
        _fill_map(target.map_value.fields, value)
    elif isinstance(value, (list, tuple)):
        target.array_value.SetInParent()
        values = target.array_value.values
        for element in value:
            _fill(values.add(), element)
    elif type(value) is datetime.datetime:
        stamp = target.timestamp_value
        stamp.seconds = calendar.timegm(value.utctimetuple())
        stamp.nanos = value.microsecond * 1000
    else:
        raise _Unsupported
