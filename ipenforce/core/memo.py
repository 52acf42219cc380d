"""Answers computed from an object's fields kept on the object, so one request asks the database once for what
several parts of its page read (a case page's guards and its panels both need the case's limitation)."""
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


def memo(owner, name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` the first time `name` is asked of `owner` with this `key` (the inputs the answer depends on),
    then the same answer while the key is unchanged; a changed key (the object was edited) computes it afresh."""
    kept = owner.__dict__.setdefault("_memo", {})
    if name in kept and kept[name][0] == key:
        return kept[name][1]
    value = compute()
    kept[name] = (key, value)
    return value
