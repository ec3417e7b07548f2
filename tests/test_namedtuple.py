"""studylog.namedtuple.NamedTuple behaves as typing.NamedTuple does for everything the records
use: fields, defaults, methods, properties, class attributes, docstrings, repr, equality,
_replace/_asdict/_make, pattern matching and pickling; and refuses what typing refuses."""

from __future__ import annotations

import pickle
import typing

import pytest

from studylog.namedtuple import NamedTuple
from studylog.note import Note
from studylog.store.records import Done


class Point(NamedTuple):
    """A point on the plane."""

    x: int
    y: int = 0
    label: str | None = None

    LIMIT = 10  # a class attribute, not a field: it has no annotation

    @property
    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)

    @classmethod
    def origin(cls) -> Point:
        return cls(0)

    @staticmethod
    def unit() -> int:
        return 1


class TypingPoint(typing.NamedTuple):
    """A point on the plane."""

    x: int
    y: int = 0
    label: str | None = None


def test_the_same_record_as_typing_makes():
    p = Point(3, label="a")
    t = TypingPoint(3, label="a")
    assert p == t == (3, 0, "a")
    assert isinstance(p, tuple)
    assert Point._fields == TypingPoint._fields == ("x", "y", "label")
    assert Point._field_defaults == TypingPoint._field_defaults == {"y": 0, "label": None}
    assert repr(p) == "Point(x=3, y=0, label='a')"
    assert p._asdict() == {"x": 3, "y": 0, "label": "a"}
    assert Point._make([1, 2, None]) == Point(1, 2)
    assert Point.__doc__ == TypingPoint.__doc__ == "A point on the plane."
    assert Point.__qualname__ == "Point" and Point.__module__ == __name__
    assert list(Point.__annotations__) == ["x", "y", "label"]
    assert hash(p) == hash((3, 0, "a"))
    x, y, label = p
    assert (x, y, label) == (3, 0, "a")
    with pytest.raises(AttributeError):
        p.x = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_methods_properties_and_class_attributes():
    p = Point(-2, 5)
    assert p.norm1 == 7
    assert p.moved(3) == Point(1, 5)
    assert Point.origin() == Point(0, 0)
    assert Point.unit() == 1
    assert Point.LIMIT == 10 and "LIMIT" not in Point._fields


def test_pattern_matching_and_pickling():
    match Point(1, 2):
        case Point(a, b):
            assert (a, b) == (1, 2)
        case _:
            pytest.fail("no match")
    for value in (Point(1, 2, "z"), Note("read", 1)):
        assert pickle.loads(pickle.dumps(value)) == value
        assert type(pickle.loads(pickle.dumps(value))) is type(value)


def test_the_records_are_built_this_way():
    # typing.NamedTuple would have compiled each annotation into a ForwardRef: the cost avoided
    assert Done.__annotations__["id"] == "int" and Note.__annotations__["depth"] == "int"
    assert TypingPoint.__annotations__["x"] == typing.ForwardRef("int")
    assert Done._fields[:3] == ("id", "day", "text")


def test_refuses_what_typing_refuses():
    with pytest.raises(TypeError, match="non-default field 'b'"):

        class Bad(NamedTuple):
            a: int = 0
            b: int

    with pytest.raises(AttributeError, match="_fields"):

        class Worse(NamedTuple):
            a: int
            _fields = ("a",)  # type: ignore[misc]

    with pytest.raises(TypeError, match="super"):

        class Calls(NamedTuple):
            a: int

            def __repr__(self) -> str:
                return super().__repr__()
