"""Shapes and their areas."""

from __future__ import annotations

import math
from typing import Iterator, overload


class Shape:
    def area(self) -> float:
        raise NotImplementedError("subclasses compute their area")

    class Unit:
        def scale(self, factor: float = 1.0) -> float: return factor


class Circle(Shape):
    def __init__(self, radius: float, label: str = "c\\\"q") -> None:
        self.radius = radius
        self.label = label

    @property
    def diameter(self) -> float:
        return 2 * self.radius

    def area(self) -> float:
        if self.radius < 0:
            raise ValueError("negative radius")
        return math.pi * self.radius**2


@overload
def parse(text: str) -> Shape: ...
@overload
def parse(text: bytes) -> Shape: ...
def parse(text: str | bytes) -> Shape:
    radius = float(text)
    return build_circle(radius)


def build_circle(radius: float, *args: object, **kwargs: object) -> Circle: return Circle(radius)


async def fetch_shapes(names: list[str]) -> list[Shape]:
    return [parse(name) for name in names]


def iter_areas(shapes: list[Shape]) -> Iterator[float]:
    for shape in shapes:
        yield shape.area()


def is_round(shape: Shape) -> bool:
    """Already documented: left alone."""
    return isinstance(shape, Circle)


def _private(x):
    return x
