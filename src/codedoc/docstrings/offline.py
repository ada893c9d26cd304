"""The offline docstring writer: grounded text from the symbol's name, signature and visible body.

Every name it writes comes from the code model (parameters, types, bases, the class) or from the
body (calls, raised exceptions, returned expressions): nothing is guessed. Code is marked with
backticks here; `render` turns them into each language's convention.
"""

from __future__ import annotations

import re

from codedoc.docstrings.facts import BodyFacts
from codedoc.docstrings.plan import Target
from codedoc.docstrings.text import DocText, ParamDoc, RaiseDoc, sentence, split_words, third_person
from codedoc.model import Language, Parameter, Symbol, SymbolKind

# Words read as the verb of a function name (`load_config` → load); others make a noun phrase.
VERBS = frozenset(
    " ".join(
        (
            "accept add append apply assert attach authenticate authorize bind build bump cache calculate call",
            "cancel check clean clear close collect compare compile complete compress compute configure connect",
            "consume convert copy count create decide decode decompress decrement delete deploy derive describe",
            "deserialize destroy detect disable dispatch dispose do download drain draw drop dump edit emit",
            "enable encode ensure enter escape evaluate evict execute exit expand expire export extract fail",
            "fetch fill filter find finish fix flatten flush fold fork format forward freeze gather generate get",
            "greet group grow guess handle hash hide hold hydrate ignore import increment init initialize inject",
            "insert inspect install invalidate invoke iterate join keep kill launch limit link list listen load",
            "lock log login logout lookup make map mark marshal match materialize measure merge migrate mount",
            "move mutate negotiate normalise normalize notify observe open order pack pad paginate parse patch",
            "pick ping plan poll pop post prepare prepend preview print probe process produce promote prune",
            "publish pull push put query queue quote raise rank read receive record redact redirect reduce",
            "refresh register reject relay release reload remove rename render reorder repair repeat replace",
            "reply report request require reset resize resolve respond restart restore resume retry return",
            "revert rewrite rollback rotate route run sample save scale scan schedule scrub seal search seed",
            "seek select send serialize serve set setattr setup shift show shutdown sign signal skip sleep slice",
            "snapshot solve sort spawn split stage start stop store stream strip submit subscribe subtract sum",
            "summarise summarize swap switch sync tag take tell test throttle toggle tokenize touch trace track",
            "transfer transform translate traverse trigger trim truncate try unbind undo unlock unmarshal unpack",
            "unregister unset unwrap update upgrade upload upsert use validate verify view visit wait walk warn",
            "watch wire wrap write yield zip",
        )
    ).split()
)
_QUESTIONS = {"is": "is", "has": "has", "can": "can", "should": "should", "needs": "needs", "supports": "supports"}
_CONTAINERS = re.compile(
    r"^(?:typing\.|collections\.abc\.)?(?:Iterator|Iterable|Generator|AsyncIterator|AsyncGenerator)\["
)
# Bases that say nothing a reader needs: the kind (interface, enum) already says it.
_NOT_WORTH_SAYING = frozenset({"object", "Object", "Protocol", "Generic", "ABC", "Enum", "StrEnum", "IntEnum"})
_VOID = frozenset({"None", "void", "()", ""})


def offline_docstring(target: Target, facts: BodyFacts, *, declared_throws: tuple[str, ...] = ()) -> DocText:
    """The docstring content for `target`, in the language's voice (imperative for Python, else third person)."""
    symbol = target.symbol
    imperative = target.language is Language.PYTHON
    if symbol.kind is SymbolKind.PROPERTY:
        return DocText(summary=sentence(f"the {_phrase(symbol.name)}" + _of_class(symbol)))
    if symbol.kind in (SymbolKind.FUNCTION, SymbolKind.METHOD):
        return _function_doc(target, symbol, facts, imperative=imperative, declared_throws=declared_throws)
    params = _params(target.init.parameters) if target.init is not None else ()
    return DocText(summary=_type_summary(symbol, target.language), params=params, attributes=_fields(target.fields))


_FIELD = re.compile(r"^\s*[\w.]+\s*:\s*(?P<type>[^=]+?)\s*(?:=.*)?$")


def _fields(fields: tuple[Symbol, ...]) -> tuple[ParamDoc, ...]:
    """`x: int = 0` → x (int), defaulting to `0`: the field's type read from its signature."""
    docs = []
    for field in fields:
        match = _FIELD.match(field.signature or "")
        kind = match.group("type").strip() if match else None
        docs.append(ParamDoc(field.name, sentence(f"the {_phrase(field.name)}"), kind, field.value))
    return tuple(docs)


def _function_doc(
    target: Target, symbol: Symbol, facts: BodyFacts, *, imperative: bool, declared_throws: tuple[str, ...]
) -> DocText:
    language = target.language
    summary = _function_summary(symbol, imperative=imperative, returns=facts.returns_value)
    if language is Language.GO:
        summary = f"{symbol.name} {summary[0].lower()}{summary[1:]}"
    details = []
    if facts.calls:
        calls = _listing([f"`{call}`" for call in facts.calls])
        details.append(f"Calls {calls}." if imperative else f"It calls {calls}.")
    returns_type = (symbol.returns or "").strip()
    if language is Language.GO and returns_type.rstrip(")").endswith("error"):
        details.append("It returns an error when the work fails.")
    raises = [_raise_doc(r.name, r.condition, r.message) for r in facts.raises]
    raises += [
        RaiseDoc(name, "Declared by the method.") for name in declared_throws if name not in {r.name for r in raises}
    ]
    returns = None
    if facts.yields:
        returns = sentence(f"the {' '.join(split_words(symbol.name)[1:]) or 'items'}, one at a time")
    elif facts.returns_value or (returns_type not in _VOID and not facts.yields and language is not Language.GO):
        returns = _returns(symbol, facts) if (facts.returns_value or returns_type) else None
    if not facts.yields and (returns_type in _VOID or returns_type.startswith("Promise<void")):
        returns = None if not facts.returns_value else returns
    return DocText(
        summary=summary,
        details=" ".join(details),
        params=_params(symbol.parameters),
        returns=returns,
        return_type=_yielded_type(returns_type) if facts.yields else (returns_type or None),
        yields=facts.yields,
        raises=tuple(raises),
    )


def _function_summary(symbol: Symbol, *, imperative: bool, returns: bool) -> str:
    words = split_words(symbol.name) or [symbol.name]
    first, rest = words[0], " ".join(words[1:])
    subject = _subject(symbol)
    parent = (symbol.parent or "").rpartition(".")[2]
    if parent and symbol.name in ("new", "constructor", parent):
        return sentence(f"{'create' if imperative else 'creates'} a new {_phrase(parent)}")
    if first == "iter" and rest:
        return sentence(f"{'iterate' if imperative else 'iterates'} over {rest}")
    if first in _QUESTIONS and rest:
        verb = "check" if imperative else "checks"
        return sentence(f"{verb} whether {subject} {_QUESTIONS[first]} {rest}")
    if first == "to" and rest:
        verb = "convert" if imperative else "converts"
        return sentence(f"{verb} {subject} to {rest}")
    if first in ("on", "handle") and rest:
        return sentence(f"{'handle' if imperative else 'handles'} {rest}")
    if first in VERBS:
        verb = first if imperative else third_person(first)
        obj = rest or ("" if subject == "it" else subject)
        return sentence(f"{verb} {obj}".strip())
    if returns or (symbol.returns and symbol.returns.strip() not in _VOID):
        return sentence(f"{'return' if imperative else 'returns'} the {' '.join(words)}")
    return sentence(f"{'run' if imperative else 'runs'} {' '.join(words)}")


def _subject(symbol: Symbol) -> str:
    params = [p for p in symbol.parameters if p.name not in ("self", "cls", "this") and not p.name.startswith("*")]
    if symbol.parent:
        return f"the {_phrase(symbol.parent)}"
    if params:
        return f"`{params[0].name}`"
    return "it"


def _type_summary(symbol: Symbol, language: Language) -> str:
    words = _phrase(symbol.name)
    kind = symbol.kind
    if kind is SymbolKind.INTERFACE or kind is SymbolKind.TRAIT:
        text = f"the {words} {'trait' if kind is SymbolKind.TRAIT else 'interface'}"
    elif kind is SymbolKind.ENUM:
        text = f"the {words} values"
    else:
        text = words
    if language is Language.GO:
        article = "an" if words[:1].lower() in tuple("aeiou") else "a"
        text = f"{symbol.name} is {text if text.startswith('the ') else f'{article} {text}'}"
    plain = (base.split("[", 1)[0].split("<", 1)[0].strip() for base in symbol.bases)
    bases = [b for b in plain if b and b.rpartition(".")[2] not in _NOT_WORTH_SAYING][:3]
    summary = sentence(text)
    if bases and language is not Language.GO:
        summary += " Based on " + _listing([f"`{b}`" for b in bases]) + "."
    return summary


def _phrase(name: str | None) -> str:
    if not name:
        return ""
    return " ".join(split_words(name.rpartition(".")[2])) or name


def _of_class(symbol: Symbol) -> str:
    return f" of the {_phrase(symbol.parent)}" if symbol.parent else ""


def _params(parameters: tuple[Parameter, ...]) -> tuple[ParamDoc, ...]:
    docs = []
    for parameter in parameters:
        name = parameter.name
        if name in ("self", "cls", "this", "&self", "&mut self", "mut self", "/", "*") or name.lstrip("&") == "self":
            continue
        if parameter.kind == "var_positional" or (name.startswith("*") and not name.startswith("**")):
            description = "Extra positional arguments."
        elif parameter.kind == "var_keyword" or name.startswith("**"):
            description = "Extra keyword arguments."
        elif name.startswith("..."):
            description = "Extra arguments."
        else:
            description = sentence(f"the {_phrase(name.lstrip('*.&')) or name}")
        docs.append(
            ParamDoc(
                name=name.lstrip("*"),
                description=description,
                type=parameter.annotation,
                default=parameter.default,
                kind=parameter.kind,
            )
        )
    return tuple(docs)


def _returns(symbol: Symbol, facts: BodyFacts) -> str:
    returned = facts.returned
    if returned and re.fullmatch(r"[\w.]+\(.*\)", returned):
        return f"The result of `{returned}`."
    if returned and re.fullmatch(r"[A-Za-z_][\w.]*", returned) and returned not in ("True", "False", "None"):
        return f"The `{returned}`."
    words = split_words(symbol.name)
    if words and words[0] in _QUESTIONS:
        return "True when it does, False otherwise."
    rest = " ".join(words[1:]) if words and words[0] in VERBS else " ".join(words)
    return sentence(f"the {rest}") if rest else "The result."


def _raise_doc(name: str, condition: str | None, message: str | None) -> RaiseDoc:
    if name == "panic":
        return RaiseDoc(name, f"If `{condition}`." if condition else "When the body reaches a panic.")
    if condition:
        return RaiseDoc(name, f"If `{condition}`.")
    if message:
        return RaiseDoc(name, sentence(message))
    return RaiseDoc(name, "Raised by the body.")


def _yielded_type(annotation: str) -> str | None:
    if not annotation:
        return None
    if _CONTAINERS.match(annotation):
        inner = annotation[annotation.index("[") + 1 : -1]
        return inner.split(",")[0].strip() or None
    return annotation


def _listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
