"""Safe, bounded YAML loading that keeps line numbers.

PyYAML's safe loader is used to *compose* the document into nodes (which carry
their positions); the nodes are then turned into plain Python values here, so that:

* every mapping and list remembers where each of its entries came from
  (:class:`YMap`, :class:`YList`), and later errors can name the line;
* duplicate keys are reported instead of silently overwriting;
* only plain data tags are accepted (no ``!!python/object`` and friends);
* file size, nesting depth, alias use and the number of values are bounded, so a
  hostile file ("billion laughs") cannot exhaust memory or time.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.error import Mark
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.core.problems import Location, Problems

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_ALIASES = 100
MAX_VALUES = 100_000

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class YMap(dict[str, Any]):
    """A dict that remembers where it and each of its keys and values are."""

    location: Location
    key_locations: dict[str, Location]
    value_locations: dict[str, Location]
    # the YAML style of each text value: "|" or ">" (a block), '"' or "'" (quoted), "" (plain); none for lists and maps
    value_styles: dict[str, str]


class YList(list[Any]):
    """A list that remembers where it and each of its items are."""

    location: Location
    item_locations: list[Location]


class _LimitExceeded(Exception):
    def __init__(self, message: str, node: Node | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.node = node
        self.hint = hint


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2's plain scalars instead of YAML 1.1's surprises.

    Staff write ``en: No``, ``value: 23:05`` or ``code: 010`` and mean the text they typed: only
    ``true``/``false`` are booleans, and times, octal numbers and ``yes``/``no``/``on``/``off`` stay text.
    """


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


class _BoundedComposer(yaml.composer.Composer):
    """A composer that counts depth, aliases and values as it goes (the parser underneath may be C or Python)."""

    if TYPE_CHECKING:  # given by the parser and the constructor this composer is combined with
        def check_event(self, *choices: type) -> bool: ...
        def peek_event(self) -> Any: ...
        def construct_object(self, node: Node, deep: bool = False) -> Any: ...

    def _start_counting(self) -> None:
        self._depth = 0
        self._aliases = 0
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                event = self.peek_event()
                raise _LimitExceeded(
                    f"too many aliases (more than {MAX_ALIASES})",
                    ScalarNode("tag:yaml.org,2002:str", "", event.start_mark, event.end_mark),
                    "aliases ('*name') are rarely needed in exhibit files; write the values out",
                )
        self._nodes += 1
        if self._nodes > MAX_VALUES:
            # counted while composing, so a file of half a million tiny values is refused before
            # PyYAML has built them all (time and memory stay small)
            event = self.peek_event()
            raise _LimitExceeded(
                f"the file holds too many values (more than {MAX_VALUES}, counting aliases each time they are used)",
                ScalarNode("tag:yaml.org,2002:str", "", event.start_mark, event.end_mark),
                "split it into several smaller files",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()
                raise _LimitExceeded(
                    f"the file is nested too deeply (more than {MAX_DEPTH} levels)",
                    ScalarNode("tag:yaml.org,2002:str", "", event.start_mark, event.end_mark),
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _BoundedLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _BoundedComposer,
                     yaml.constructor.SafeConstructor, _Resolver):
    """Safe loader (YAML 1.2 scalars) whose composer counts depth and aliases: pure Python, and the one
    whose messages for broken files the content guide quotes."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self._start_counting()


try:  # PyYAML built with libyaml (its wheels are)
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover (a PyYAML without libyaml: the Python parser does it all)
    _CParser = None  # type: ignore[assignment, misc]  # the tests set it to None too

if _CParser is not None:
    class _FastLoader(_BoundedComposer, _CParser, yaml.constructor.SafeConstructor, _Resolver):
        """The same composer on libyaml's parser: parsing a well-formed file is several times faster.

        Used first; a file it cannot read is read again by :class:`_BoundedLoader`, so every message
        about a broken file is the same whichever parser is installed.
        """

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)
            self._start_counting()


def _loc(rel: str, node: Node, lines: _Lines | None = None) -> Location:
    return Location(rel, *_editor_mark(node.start_mark, lines))


class _Converter:
    def __init__(self, loader: _BoundedComposer, rel: str, problems: Problems, lines: _Lines | None = None) -> None:
        self.loader = loader
        self.rel = rel
        self.problems = problems
        self.count = 0
        self.lines = lines

    def _loc(self, node: Node) -> Location:
        return _loc(self.rel, node, self.lines)

    def convert(self, node: Node) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _LimitExceeded(
                f"the file holds too many values (more than {MAX_VALUES}, counting aliases each time they are used)",
                node,
            )
        if isinstance(node, MappingNode):
            return self._mapping(node)
        if isinstance(node, SequenceNode):
            return self._sequence(node)
        return self._scalar(node)

    def _scalar(self, node: Node) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.problems.error(
                self._loc(node),
                f"unsupported YAML tag '{node.tag}'",
                "remove the '!' tag; exhibit files hold only text, numbers, dates, lists and keys",
            )
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, IndexError, KeyError, AttributeError, TypeError):
            # A value PyYAML resolves but cannot construct, e.g. the date 1972-02-30: keep the
            # text as written, so the schema reports it on its own line and the rest of the file loads.
            return node.value
        return value

    def _sequence(self, node: SequenceNode) -> YList:
        if node.tag != "tag:yaml.org,2002:seq":
            self.problems.error(self._loc(node), f"unsupported YAML tag '{node.tag}'")
        out = YList()
        out.location = self._loc(node)
        out.item_locations = []
        for item in node.value:
            out.append(self.convert(item))
            out.item_locations.append(self._loc(item))
        return out

    def _mapping(self, node: MappingNode) -> YMap:
        if node.tag != "tag:yaml.org,2002:map":
            self.problems.error(self._loc(node), f"unsupported YAML tag '{node.tag}'")
        out = YMap()
        out.location = self._loc(node)
        out.key_locations = {}
        out.value_locations = {}
        out.value_styles = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.error(
                    self._loc(key_node),
                    "merge keys ('<<') are not supported",
                    "write the keys out in full",
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.error(self._loc(key_node), "a key must be a plain word, not a list or mapping")
                continue
            key = self._scalar(key_node)
            if key is None and key_node.tag != "tag:yaml.org,2002:null":
                continue
            key = str(key) if not isinstance(key, (_dt.date,)) else key.isoformat()
            if key in out:
                first = out.key_locations[key]
                self.problems.error(
                    self._loc(key_node),
                    f"duplicate key '{key}'",
                    f"it is already set on line {first.line}; keep one of them",
                )
                continue
            out[key] = self.convert(value_node)
            out.key_locations[key] = self._loc(key_node)
            out.value_locations[key] = self._loc(value_node)
            if isinstance(value_node, ScalarNode):
                out.value_styles[key] = value_node.style or ""
        return out


def _hint_for(error: yaml.MarkedYAMLError) -> str:
    text = f"{error.problem or ''} {error.context or ''}"
    if "'\\t'" in text or "\\t" in text:
        return "YAML does not allow tabs here; use spaces"
    if "while scanning a quoted scalar" in text:
        return "a quote opened here is never closed; end the text with the same quote mark"
    if "while scanning an alias" in text or "while scanning an anchor" in text:
        return "a text starting with '*' or '&' must be put in quotes"
    if "sequence entries are not allowed here" in text:
        return "a text starting with '- ' must be put in quotes"
    if "while parsing a flow mapping" in text or "while parsing a flow sequence" in text:
        return "inside { } or [ ], put texts that contain ':' ',' or quotes in double quotes"
    if "expected a single document" in text:
        return "remove the '---' line: one item per file"
    if "mapping values are not allowed" in text:
        return "a text containing ': ' must be put in quotes"
    if "could not find expected ':'" in text:
        return "each line needs 'key: value'; check the indentation and any unclosed quotes"
    if "found character '@'" in text or "found character '`'" in text:
        return "put the text in quotes"
    if "expected <block end>" in text:
        return "check the indentation: items at the same level must line up"
    return ""


# The pure-Python parser is the reference: its verdict (accepted or refused) is the one staff see on every
# machine. libyaml's parser is only a faster way to the same answer, so a text is given to it only when it
# holds none of the constructs on which the two disagree. Found with the official yaml-test-suite (see
# tests/core/content/test_yaml_parity.py, which checks every case of the suite with both parsers): tabs
# (libyaml accepts them in places PyYAML refuses), directives ('%' at the start of a line), a '#' right
# after a block scalar's '|' or '>', a '?' or a '!' standing alone as a token (flow keys, empty tags), a tag
# right before a flow collection's ',' ']' or '}', and
# the line breaks libyaml does not count (U+0085, U+2028, U+2029: line numbers would differ).
_PURE_ONLY = re.compile(r"[\t\x85\u2028\u2029]|^%|[|>][-+0-9]*#|(?:^|[\s,\[{])(?:[?!](?:[\s,\]}]|$)|!\S*?[,\]}])",
                        re.MULTILINE)


def needs_reference_parser(text: str) -> bool:
    """Whether libyaml might judge *text* differently from PyYAML's own parser (see ``_PURE_ONLY``)."""
    return _PURE_ONLY.search(text) is not None


_LINE_BREAKS_YAML_ONLY = {"\x85": "NEXT LINE (U+0085)", "\u2028": "LINE SEPARATOR (U+2028)",
                          "\u2029": "PARAGRAPH SEPARATOR (U+2029)"}


class _Lines:
    """Line and column as editors count them: only CR, LF and CRLF end a line.

    PyYAML also ends lines at U+0085, U+2028 and U+2029, which editors show as nothing (or as a
    small box): after a pasted one, every line number PyYAML reports would be one too high.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, index: int) -> tuple[int, int]:
        import bisect
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1


def _editor_mark(mark: Mark, lines: _Lines | None) -> tuple[int, int]:
    if lines is not None and isinstance(getattr(mark, "index", None), int):
        return lines.position(mark.index)
    return mark.line + 1, mark.column + 1


def parse_text(text: str, rel: str, problems: Problems) -> Any:
    """Parse YAML *text* (the file *rel*); problems are added, never raised.

    Returns the document as plain values (:class:`YMap`/:class:`YList` for containers),
    or ``None`` when it could not be read at all.
    """
    breaks = [(m.start(), m.group()) for m in re.finditer("[\x85\u2028\u2029]", text)]
    lines = _Lines(text) if breaks else None
    for index, ch in breaks[:5]:
        line, col = lines.position(index) if lines else (1, 1)
        problems.warning(Location(rel, line, col),
                         f"the file contains a {_LINE_BREAKS_YAML_ONLY[ch]}, an invisible character that YAML reads "
                         "as a new line and editors do not show",
                         "delete it (it usually comes with text pasted from a web page or a word processor)")
    if _CParser is not None and not needs_reference_parser(text):
        fast = None
        found = Problems()  # kept only if the fast reading succeeds
        try:
            fast = _FastLoader(text)
            node = fast.get_single_node()
            if node is None:
                return None
            value = _Converter(fast, rel, found).convert(node)
            problems.extend(found)
            return value
        except (yaml.YAMLError, _LimitExceeded, RecursionError, MemoryError, ValueError, OverflowError):
            pass  # read again below, for the message staff know
        finally:
            if fast is not None:
                fast.dispose()
    loader = None
    try:
        loader = _BoundedLoader(text)  # the reader already rejects unprintable characters
        node = loader.get_single_node()
        if node is None:
            return None
        return _Converter(loader, rel, problems, lines).convert(node)
    except _LimitExceeded as exc:
        where = _loc(rel, exc.node, lines) if exc.node is not None else Location(rel)
        problems.error(where, exc.message, exc.hint)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and exc.context in ("while scanning a simple key", "while scanning a quoted scalar"):
            # A missing ':' or an unclosed quote is found a line later; the mistake is where it began.
            mark = exc.context_mark
        where = Location(rel, *_editor_mark(mark, lines)) if mark else Location(rel)
        message = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        problems.error(where, f"YAML syntax error: {message}", _hint_for(exc))
        return None
    except yaml.reader.ReaderError as exc:
        index = exc.position if isinstance(exc.position, int) else 0
        line, col = _Lines(text).position(index)
        from kiosk.core import chars
        ch = chr(exc.character) if isinstance(exc.character, int) else "\ufffd"
        rest = text[index:]
        if ch == "\0" and not rest.strip("\0"):
            problems.error(Location(rel, line, col), f"the file ends in {len(rest):,} zero bytes instead of text: it "
                           "was cut short (an interrupted copy, or a USB stick pulled out too early)",
                           "copy the file again from where it came from")
        else:
            problems.error(Location(rel, line, col), f"the file contains an invisible control character, "
                           f"{chars.name(ch)}", "delete it, or copy the text again from a plain-text editor")
        return None
    except yaml.YAMLError as exc:
        problems.error(Location(rel, 1, 1), f"YAML error: {exc}")
        return None
    except (RecursionError, MemoryError):
        problems.error(Location(rel, 1, 1), "the file is too complex to read")
        return None
    except (ValueError, OverflowError) as exc:
        # Should not happen (scalars that cannot be constructed are kept as text); a safety net.
        problems.error(Location(rel, 1, 1), f"invalid value: {exc}")
        return None
    finally:
        if loader is not None:
            loader.dispose()


def read_yaml(path: Path, rel: str, problems: Problems, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read and parse one YAML file, bounded in size; ``None`` if unreadable.

    Never blocks and never follows a link out of the content folder's checks: the file is opened without
    waiting (a named pipe answers at once) and must be a regular file.
    """
    from kiosk.core import walk

    try:
        data = walk.read_bounded(path, max_bytes)
    except walk.TooLarge as exc:
        problems.error(
            Location(rel),
            f"the file is too large ({exc.size:,} bytes; the limit is {max_bytes:,})",
            "split it into several smaller files",
        )
        return None
    except (walk.NotRegular, IsADirectoryError):
        what = walk.describe(path)
        if what == "a folder":
            problems.error(Location(rel), "expected a file here, found a folder")
        elif what.startswith("a link to a file that does not exist"):
            problems.error(Location(rel), "this is a link to a file that does not exist")
        else:
            problems.error(Location(rel), f"this is {what.replace('a link to ', 'a link to ', 1)}: it is not read",
                           "replace it with a text file")
        return None
    except FileNotFoundError:
        if os.path.islink(path):
            problems.error(Location(rel), "this is a link to a file that does not exist")
        else:
            problems.error(Location(rel), "file not found")
        return None
    except OSError as exc:
        problems.error(Location(rel), f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        # columns count characters, as everywhere else (Vietnamese letters are several bytes)
        col = len(data[line_start:exc.start].decode("utf-8", errors="replace").lstrip("\ufeff")) + 1
        problems.error(
            Location(rel, line, col),
            "the file is not valid UTF-8 text",
            "save it as UTF-8 in your editor",
        )
        return None
    return parse_text(text, rel, problems)
