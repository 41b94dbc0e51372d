"""The room's sessions' database, its refusals in the chosen language, and the export."""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

import streamlit as st

from sim import texts
from sim.workshop import Status, Workshop, WorkshopError, default_db, export

from i18n import counted, lang, t


@st.cache_resource(show_spinner=False)
def _workshop(path: str) -> Workshop:
    return Workshop(path, create=True)


def workshop() -> Workshop:
    """The sessions' database: ``$LOSLATEN_WORKSHOP_DB``, else ``~/.loslaten/workshop.sqlite``
    (``loslaten dashboard --workshop-db FILE`` sets the former)."""
    return _workshop(str(default_db()))


REFUSALS: tuple[tuple[str, str], ...] = (
    (r"^code: no session '(?P<code>.*)' in ", "unknown_code"),
    (r"^token: not a seat token of session (?P<code>\w+)", "not_seat"),
    (r"^token: not the facilitator token of session (?P<code>\w+)", "not_facilitator"),
    (r"^token: the facilitator token is needed", "not_facilitator_export"),
    (r"^team: this token is not team (?P<team>\d+)'s", "other_team"),
    (r"^name: (?P<name>.*) is taken in session (?P<code>\w+)", "name_taken"),
    (r"^name: .* is not allowed", "bad_name"),
    (r"^session (?P<code>\w+): all (?P<teams>\d+) seats are taken", "full"),
    (r"^session (?P<code>\w+) has ended after (?P<closed>\d+) rounds?\b", "ended"),
    (r"^round: round (?P<round>\d+)'s time ran out", "timed_out"),
    (r"^round: round (?P<round>\d+) is not open; round (?P<open>\d+) is", "not_open"),
    (r"^(?P<field>\w+): (?P<value>.*) is not allowed; it must be between 0 and 1", "choice"),
    (r"^seconds: this session has no round length", "no_round_length"),
    (
        r"^(?P<field>\w+): (?P<value>.*) is not allowed; it must be a whole number from "
        r"(?P<low>\d+) to (?P<high>\d+)",
        "whole",
    ),
    (r"^base_url: (?P<value>.*) is not allowed", "base_url"),
)
COUNTED = {"ended": "closed"}  # refusals whose words follow a count: key → the count's field


def refusal(err: WorkshopError | str) -> str:
    """A refusal of :mod:`sim.workshop` in the chosen language (the backend's words, which name
    the field and what is allowed, where no translation fits)."""
    message = str(err)
    for pattern, key in REFUSALS:
        found = re.match(pattern, message)
        if found:
            values = {k: _unquoted(v) for k, v in found.groupdict().items()}
            if "field" in values:
                values["field"] = _field(values["field"])
            if key in COUNTED:  # "after 1 round", "after 2 rounds"
                return counted(f"room.refusal.{key}", int(values[COUNTED[key]]), **values)
            return t(f"room.refusal.{key}", **values)
    return t("room.refusal.other", message=message)


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value


def _field(name: str) -> str:
    key = f"room.field.{name}"
    return t(key) if texts.has(key, lang()) else name


def refuse(err: WorkshopError | str) -> None:
    st.error(refusal(err), icon=":material/block:")


def other_code(status: Status) -> None:
    """A warning when the session was started on other simulator code than the code now running
    (its figures follow the running code), naming both."""
    if status.other_code is not None:
        started, running = status.other_code
        st.warning(
            t("room.other_code", started=started, running=running), icon=":material/sync_problem:"
        )


def export_json(tables: export.SessionTables) -> bytes:
    """The document ``loslaten workshop export --json`` prints (NaN written as null)."""
    return json.dumps(export.document(tables), indent=1, allow_nan=False).encode()


def export_zip(tables: export.SessionTables) -> bytes:
    """The session's tables as CSV and Parquet files in one zip."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w") as archive:
        for path in export.write(tables, folder):
            archive.write(path, Path(path).name)
    return buffer.getvalue()
