"""KnownNames: every spelling of what the model holds, as the verifier looks names up."""

from __future__ import annotations

import dataclasses

from codedoc.model import Parameter
from codedoc.write.known import KnownNames
from write.factories import fn, param, python_library


def with_function(
    params: tuple[Parameter, ...] = (), decorators: tuple[str, ...] = (), returns: str | None = None
) -> KnownNames:
    model = python_library()
    module = model.modules[0]
    symbol = fn(module.path, "helper", 3, params=params, decorators=decorators, returns=returns)
    changed = dataclasses.replace(module, symbols=(*module.symbols, symbol))
    return KnownNames(dataclasses.replace(model, modules=(changed, *model.modules[1:])))


def test_values_are_known_with_prefix_call_parentheses_and_spaces_taken_off() -> None:
    known = with_function(
        params=(param("x", " Padded ", "--verbose"), param("y", "Callback()", "build/")),
        decorators=("@app.get", "Cached"),
    )
    for spelling in ("@app.get", "app.get", "--verbose", "verbose", " Padded ", "Padded", "Callback()", "Callback"):
        assert spelling in known.names
    assert "build/" in known.names and "build" in known.names


def test_a_name_between_word_characters_is_known_as_written_only() -> None:
    known = with_function(returns="dict[str, int]")
    assert "dict[str, int]" in known.names
    assert known.resolves("tinyhttp.helper")


def test_dotted_names_resolve_through_pieces_of_paths() -> None:
    known = KnownNames(python_library())
    assert "src" not in known.names
    assert known.resolves("src.tinyhttp")
    assert not known.resolves("src.teleport")
