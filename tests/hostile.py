"""A generator of hostile inputs: every kind of broken, odd or clashing file a real archive
holds, written into one folder, with what each article must become in ``documents``.

``write_hostile_inputs(folder)`` writes every case and returns one :class:`Expected` per
article it wrote (a folder or a link to one is not an article, and gets none). Each case shows
in its row: the status, and a warning or an error naming what went wrong; nothing is silent.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

NEWS = (
    "BAMAKO, Oct 29 (Reuters) - A roadside bomb killed two soldiers near Douentza in central "
    "Mali on Sunday, the army said.\n\n"
    '"We will find those responsible," army spokesman Souleymane Dembele told reporters.\n'
)
LATIN1_TEXT = (
    "PARIS - Le ministre a déclaré que la réforme était nécessaire. Les élèves du lycée "
    "ont manifesté devant l'école à côté du marché. Grüße aus München, sagte der Bürgermeister.\n"
) * 3
CP1251_TEXT = (
    "МОСКВА, 30 октября. Министр заявил журналистам, что переговоры продолжатся на следующей "
    "неделе. По его словам, стороны обсудят поставки зерна и вопросы безопасности.\n"
) * 3


@dataclass(frozen=True)
class Expected:
    """What one written article must become in ``documents``: its ``doc_id`` and ``status``,
    a piece of one of its warnings (``warning``) or of its error (``error``), and, where the
    case fixes them, its text and published date."""

    case: str
    doc_id: str
    status: str
    warning: str | None = None
    error: str | None = None
    text: str | None = None
    published: dt.date | None = None


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _jsonl(path: Path, lines: list[dict | str]) -> None:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
    _write(path, text + "\n")


def duplicate_ids(folder: Path) -> list[Expected]:
    """Two JSON-lines files with the same ids, and a ``.txt`` whose id is one of theirs."""
    _jsonl(
        folder / "dup_a.jsonl",
        [{"id": "wire-1", "text": "First wire. " + NEWS}, {"id": "wire-2", "text": NEWS}],
    )
    _jsonl(folder / "dup_b.jsonl", [{"id": "wire-1", "text": "Second wire. " + NEWS}])
    _write(folder / "wire-2.txt", "Third copy. " + NEWS)
    case = "duplicate ids"
    return [
        Expected(case, "wire-1", "ok"),
        Expected(case, "wire-2", "ok"),
        Expected(case, "dup_b.jsonl:1", "ok", warning="duplicate id 'wire-1'"),
        Expected(case, "wire-2.txt", "ok", warning="duplicate id 'wire-2'"),
    ]


def sidecars(folder: Path) -> list[Expected]:
    """A long-form date, a malformed sidecar, ``date`` for ``published``, words for a date."""
    sidecar_texts = {
        "sidecar_long_date": json.dumps({"published": "October 30, 2024"}),
        "sidecar_malformed": '{"published": "2024-10-30",',
        "sidecar_date_alias": json.dumps({"date": "Wed, 30 Oct 2024 14:03:00 -0400"}),
        "sidecar_relative": json.dumps({"published": "next tuesday", "author": "Staff"}),
        "sidecar_list": json.dumps(["2024-10-30"]),
    }
    for name, sidecar in sidecar_texts.items():
        _write(folder / f"{name}.txt", NEWS)
        _write(folder / f"{name}.meta.json", sidecar)
    day = dt.date(2024, 10, 30)
    return [
        Expected("sidecar long date", "sidecar_long_date", "ok", published=day),
        Expected("malformed sidecar", "sidecar_malformed", "ok", warning="invalid JSON"),
        Expected("sidecar date alias", "sidecar_date_alias", "ok", published=day),
        Expected("relative date", "sidecar_relative", "ok", warning="is not a full date"),
        Expected("sidecar not an object", "sidecar_list", "ok", warning="not a JSON object"),
    ]


def empty_and_binary(folder: Path) -> list[Expected]:
    """Empty and whitespace-only files, a binary file named .txt, NUL bytes in text."""
    _write(folder / "empty.txt", b"")
    _write(folder / "whitespace.txt", " \n\t  \r\n \u00a0\n")
    _write(folder / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _write(folder / "nul_bytes.txt", NEWS.encode() + b"\x00\x00" + NEWS.encode())
    return [
        Expected("empty file", "empty", "empty"),
        Expected("whitespace-only file", "whitespace", "empty"),
        Expected("binary file named .txt", "binary", "error", error="binary.txt"),
        Expected("NUL bytes", "nul_bytes", "error", error="nul_bytes.txt"),
    ]


def encodings(folder: Path) -> list[Expected]:
    """Invalid UTF-8, Latin-1, cp1251 (Cyrillic), UTF-16 with a BOM."""
    utf8_head, utf8_tail = "Café — " + NEWS, "Grüße aus Köln.\n"
    _write(folder / "invalid_utf8.txt", utf8_head.encode() + b"\xff" + utf8_tail.encode())
    _write(folder / "stray_byte.txt", NEWS.encode() + b"Caf\xe9 closed.\n")
    _write(folder / "latin1.txt", LATIN1_TEXT.encode("latin-1"))
    _write(folder / "cp1251.txt", CP1251_TEXT.encode("cp1251"))
    _write(folder / "utf16_bom.txt", NEWS.encode("utf-16"))  # Python writes the BOM
    return [
        Expected(
            "invalid UTF-8",
            "invalid_utf8",
            "ok",
            warning="1 replacement character",
            text=utf8_head + "\ufffd" + utf8_tail,
        ),
        Expected("a Latin-1 byte in ASCII", "stray_byte", "ok", warning="decoded as"),
        Expected("Latin-1", "latin1", "ok", warning="decoded as", text=LATIN1_TEXT),
        Expected("cp1251", "cp1251", "ok", warning="decoded as", text=CP1251_TEXT),
        Expected("UTF-16 with BOM", "utf16_bom", "ok", warning="decoded as utf_16", text=NEWS),
    ]


def odd_text(folder: Path) -> list[Expected]:
    """HTML saved as .txt, CR-only line ends, control characters."""
    html = (
        "<!DOCTYPE html>\n<html><head><title>Bridge</title></head>\n<body><p>"
        + NEWS
        + "</p></body></html>\n"
    )
    _write(folder / "page.txt", html)
    _write(folder / "cr_only.txt", NEWS.replace("\n", "\r"))
    _write(folder / "control_chars.txt", NEWS.replace("roadside", "road\x07side\x1b[0m"))
    return [
        Expected("HTML saved as .txt", "page", "ok", warning="looks like HTML"),
        Expected("CR-only line ends", "cr_only", "ok", text=NEWS),
        Expected("control characters", "control_chars", "ok", warning="control character"),
    ]


def links_and_names(folder: Path) -> list[Expected]:
    """A symlink loop (a folder link to its parent, a .txt link to itself), a dangling .txt
    link, names with spaces and non-ASCII letters, an upper-case extension."""
    (folder / "loop").symlink_to(".", target_is_directory=True)
    (folder / "self_loop.txt").symlink_to("self_loop.txt")
    (folder / "dangling.txt").symlink_to("no_such_file.txt")
    for name in ("with space", "Zürich Ünïcode", "новости дня"):
        _write(folder / f"{name}.txt", NEWS)
    _write(folder / "SHOUT.TXT", NEWS)
    return [
        Expected("symlink loop", "self_loop", "error", error="self_loop.txt"),
        Expected("dangling link", "dangling", "error", error="dangling.txt"),
        Expected("name with spaces", "with space", "ok"),
        Expected("non-ASCII name", "Zürich Ünïcode", "ok"),
        Expected("Cyrillic name", "новости дня", "ok"),
        Expected("upper-case extension", "SHOUT", "ok"),
    ]


def jsonl_lines(folder: Path) -> list[Expected]:
    """A JSON-lines file with a good record (RSS date under ``pubDate``), a line that is not
    JSON, a record without text, and a record whose id is not usable; one with no record."""
    _write(folder / "empty_feed.jsonl", "\n  \n")
    _jsonl(
        folder / "feed.jsonl",
        [
            {"id": "feed-ok", "text": NEWS, "pubDate": "Wed, 30 Oct 2024 23:30:00 -0500"},
            "{this is not json",
            {"id": "feed-no-text", "title": "A headline alone"},
            {"id": ["not", "an", "id"], "text": NEWS},
        ],
    )
    case = "jsonl"
    return [
        Expected(case, "feed-ok", "ok", published=dt.date(2024, 10, 30)),
        Expected(case, "feed:2", "error", error="invalid JSON"),
        Expected(case, "feed:3", "error", error="needs 'id' and 'text'"),
        Expected(case, "feed:4", "error", error="'id' must be"),
        Expected("jsonl without records", "empty_feed", "empty", warning="holds no records"),
    ]


def unreadable(folder: Path) -> list[Expected]:
    """A file nobody may read (chmod 000); root reads it all the same, so as root the case is
    left out."""
    if os.geteuid() == 0:
        return []
    path = folder / "unreadable.txt"
    _write(path, NEWS)
    path.chmod(0)
    return [Expected("unreadable file", "unreadable", "error", error="unreadable.txt")]


CASES: tuple[Callable[[Path], list[Expected]], ...] = (
    duplicate_ids,
    sidecars,
    empty_and_binary,
    encodings,
    odd_text,
    links_and_names,
    jsonl_lines,
    unreadable,
)


def write_hostile_inputs(folder: Path) -> list[Expected]:
    """Write every hostile case into ``folder`` (made if missing); what each article must
    become, one :class:`Expected` per article written."""
    folder.mkdir(parents=True, exist_ok=True)
    return [expected for case in CASES for expected in case(folder)]
