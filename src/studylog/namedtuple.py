"""``NamedTuple`` for studylog's records, at a third of ``typing.NamedTuple``'s cost to define.

Every record class (a goal, a done item, a week's report...) is a ``NamedTuple``, and the
everyday commands define some twenty of them before they run a query. ``typing.NamedTuple``
checks each field's annotation as it makes the class: with ``from __future__ import
annotations`` every annotation is a string, which it compiles into a ``ForwardRef``, about 0.2
ms a class of ten fields, more than the rest of the class costs. Nothing at run time reads those
annotations as types, so this ``NamedTuple`` keeps them as the strings they are and builds the
class with ``collections.namedtuple``, the same machinery ``typing`` uses underneath: the same
tuple subclass, fields, defaults, ``_replace``/``_asdict``/``_fields``/``_field_defaults``,
methods, properties, docstring, ``repr``, equality and pickling.

Type checkers see ``typing.NamedTuple`` itself, so the fields keep their types for mypy.

Write record classes as usual, importing ``NamedTuple`` from here::

    from studylog.namedtuple import NamedTuple

    class Goal(NamedTuple):
        id: int
        text: str
        item: str | None = None
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["NamedTuple"]

if TYPE_CHECKING:
    from typing import NamedTuple
else:
    import collections

    # Names the class body sets that are not the record's own attributes.
    _NOT_COPIED = frozenset(
        {"__module__", "__qualname__", "__annotations__", "__doc__", "__orig_bases__", "__static_attributes__"}
    )
    # Attributes namedtuple makes that a record may not override (as typing refuses them too).
    _RESERVED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make"})

    class _RecordMeta(type):
        def __new__(mcls, name, bases, ns):
            if ns.get("_is_record_base"):
                return super().__new__(mcls, name, bases, ns)
            if bases != (NamedTuple,):
                raise TypeError(f"{name}: a record class derives from NamedTuple alone")
            if "__classcell__" in ns:
                raise TypeError(f"{name}: a record's methods cannot use super() or __class__")
            annotations = ns.get("__annotations__", {})
            fields = list(annotations)
            defaults = []
            for field in fields:
                if field in ns:
                    defaults.append(ns[field])
                elif defaults:
                    raise TypeError(f"{name}: non-default field {field!r} follows a field with a default")
            cls = collections.namedtuple(name, fields, defaults=defaults, module=ns["__module__"])
            cls.__qualname__ = ns.get("__qualname__", name)
            cls.__annotations__ = dict(annotations)
            if ns.get("__doc__") is not None:
                cls.__doc__ = ns["__doc__"]
            for key, value in ns.items():
                if key in _NOT_COPIED or key in annotations:
                    continue
                if key in _RESERVED:
                    raise AttributeError(f"{name}: cannot overwrite NamedTuple attribute {key}")
                setattr(cls, key, value)
                set_name = getattr(type(value), "__set_name__", None)
                if set_name is not None:
                    set_name(value, cls, key)
            return cls

    class NamedTuple(metaclass=_RecordMeta):
        _is_record_base = True
