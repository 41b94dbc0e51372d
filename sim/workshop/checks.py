"""What a workshop session accepts: its limits, codes, tokens and links, and the checks of what
a facilitator or participant gives (each refusal a :class:`WorkshopError` naming the field, the
value and what is allowed)."""

from __future__ import annotations

import math
import secrets
import unicodedata
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from sim.workshop.errors import WorkshopError
from sim.workshop.log import CHOICES
from sim.workshop.store import Transaction

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
CODE_LENGTH = 6
TOKEN_BYTES = 24  # secrets.token_urlsafe: 32 characters
DEFAULT_BASE_URL = "http://localhost:8501"
DEFAULT_ROUND_WEEKS = 13
MAX_TEAMS = 100
MAX_ROUND_WEEKS = 104
MAX_ROUND_SECONDS = 24 * 3600
MAX_NAME = 40  # characters of a participant's name


def counted_rounds(count: int) -> str:
    """A count of rounds in words: "1 round", "3 rounds"."""
    return f"{count} round{'' if count == 1 else 's'}"


def normal_code(code: str) -> str:
    return str(code).strip().upper()


def new_code(tx: Transaction) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if tx.session(code) is None:
            return code


def new_token() -> str:
    """A secret for a link: URL-safe, never starting with '-' (which a command line would take
    for an option)."""
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if not token.startswith("-"):
            return token


def whole(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise WorkshopError(
            f"{name}: {value!r} is not allowed; it must be a whole number from {low} to {high}"
        )


def checked_choices(choices: dict[str, float | None]) -> dict[str, float]:
    """The choices given, checked: known names, numbers in [0, 1]."""
    unknown = [name for name in choices if name not in CHOICES]
    if unknown:
        raise WorkshopError(f"{unknown[0]}: not a choice; the choices are {', '.join(CHOICES)}")
    given = {}
    for name, value in choices.items():
        if value is None:
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if isinstance(value, bool) or not math.isfinite(number) or not 0.0 <= number <= 1.0:
            raise WorkshopError(f"{name}: {value!r} is not allowed; it must be between 0 and 1")
        given[name] = number
    if not given:
        raise WorkshopError(f"choices: give at least one of {', '.join(CHOICES)}")
    return given


def checked_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not 1 <= len(cleaned) <= MAX_NAME or any(
        unicodedata.category(ch).startswith("C") for ch in cleaned
    ):
        raise WorkshopError(
            f"name: {name!r} is not allowed; give 1 to {MAX_NAME} printable characters"
        )
    return cleaned


def checked_base_url(url: str) -> str:
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WorkshopError(
            f"base_url: {url!r} is not allowed; give an http:// or https:// address such as "
            f"{DEFAULT_BASE_URL}"
        )
    return str(url)


def link(base_url: str, **params: str) -> str:
    """``base_url`` with ``params`` added to its query (``?session=CODE&seat=TOKEN``)."""
    parts = urlsplit(base_url)
    query = "&".join(q for q in (parts.query, urlencode(params)) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, parts.fragment))
