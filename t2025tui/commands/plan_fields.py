"""The `--flag value` part of `t2025 add/set/remove KIND ...`: each kind's flags, named as the
app labels its fields, read into service values with one clear line for anything wrong."""

import difflib
from dataclasses import dataclass, field

from t2025tui.core.dates import parse_iso_date
from t2025tui.core.errors import ValidationError
from t2025tui.core.queries.refs import resolve
from t2025tui.core.store import Store

# Words that clear an optional value: `--actual none`, `--project ""`.
CLEARS = ("", "none", "-")


@dataclass(frozen=True)
class Flag:
    name: str  # without the dashes, e.g. "baseline"
    column: str  # the service's field, e.g. "baseline_date"
    type: str = "text"  # text, date, int, float, choice, ref
    choices: tuple[str, ...] = ()  # for choice: the stored values
    aliases: dict[str, str] = field(default_factory=dict)  # for choice: other spellings -> stored value
    ref: str = ""  # for ref: the kind named, e.g. "workstream"
    help: str = ""
    repeat: bool = False  # may be given more than once (a list of values)

    @property
    def option(self) -> str:
        return f"--{self.name}"


def convert(store: Store, flag: Flag, raw: str):
    """The value a service takes for `--flag raw`."""
    text = raw.strip()
    if flag.type in ("date", "ref", "float") and text.lower() in CLEARS:
        return None
    if flag.type == "date":
        try:
            return parse_iso_date(text)
        except ValueError as exc:
            raise ValidationError(f"{flag.option}: {exc}", flag.column) from None
    if flag.type == "int":
        try:
            return int(text)
        except ValueError:
            raise ValidationError(f"{flag.option}: {raw!r} is not a whole number", flag.column) from None
    if flag.type == "float":
        try:
            return float(text)
        except ValueError:
            raise ValidationError(f"{flag.option}: {raw!r} is not a number", flag.column) from None
    if flag.type == "choice":
        folded = {choice.casefold(): choice for choice in flag.choices}
        folded.update({alias.casefold(): value for alias, value in flag.aliases.items()})
        if text.casefold() in folded:
            return folded[text.casefold()]
        raise ValidationError(f"{flag.option}: {raw!r} is not one of {', '.join(flag.choices)}", flag.column)
    if flag.type == "ref":
        return resolve(store, flag.ref, text).id
    return raw


@dataclass
class Given:
    """What the user typed after KIND: the kind's own flags, and the verb's common ones."""

    values: dict[str, str]  # flag name -> raw text (a list joined by "\n" for repeat flags)
    lists: dict[str, list[str]]
    common: dict[str, str]


def parse_flags(tokens: list[str], flags: dict[str, Flag], common: tuple[str, ...], kind: str) -> Given:
    """Read `--name value` / `--name=value` pairs. Unknown or repeated flags and missing values
    are refused naming the flag and the kind's flags."""
    values: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    found_common: dict[str, str] = {}
    known = set(flags) | set(common)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if not token.startswith("--") or token == "--":
            raise ValidationError(
                f"unexpected {token!r}: give each {kind} field as --name value (quote values with spaces)"
            )
        name, has_value, value = token[2:].partition("=")
        if name not in known:
            raise ValidationError(unknown_flag(name, kind, flags))
        if not has_value:
            position += 1
            if position >= len(tokens) or (
                tokens[position].startswith("--") and tokens[position][2:] in known
            ):
                raise ValidationError(f'--{name} needs a value, e.g. --{name} "..."')
            value = tokens[position]
        position += 1
        if name in common:
            if name in found_common:
                raise ValidationError(f"--{name} is given twice; give it once")
            found_common[name] = value
        elif flags[name].repeat:
            lists.setdefault(name, []).append(value)
        else:
            if name in values:
                raise ValidationError(f"--{name} is given twice; give it once")
            values[name] = value
    return Given(values, lists, found_common)


def unknown_flag(name: str, kind: str, flags: dict[str, Flag]) -> str:
    close = difflib.get_close_matches(name, list(flags), n=1)
    hint = f" (did you mean --{close[0]}?)" if close else ""
    return f"unknown field --{name} for {kind}{hint}; its fields are {', '.join('--' + f for f in flags)}"


def values_for(store: Store, given: Given, flags: dict[str, Flag]) -> dict:
    """{column: service value} of the flags given, in the order given."""
    return {flags[name].column: convert(store, flags[name], raw) for name, raw in given.values.items()}
