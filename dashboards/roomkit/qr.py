"""The join code as a QR code, drawn here (no network needed)."""

from __future__ import annotations

import html

import segno
import streamlit as st

from sim.charts import INK

from i18n import t


def qr_image(url: str) -> str:
    """The link as a QR code: an SVG drawn here (no network needed), as a data URI."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2, dark=INK)


def join_box(code: str, url: str) -> None:
    words = t("room.join_with")
    st.html(
        f'<div class="room-join"><img src="{qr_image(url)}" alt="{html.escape(words)} {code}">'
        f"<div>{html.escape(words)}</div>"
        f'<div class="code">{html.escape(code)}</div>'
        f'<div class="url">{html.escape(url)}</div></div>'
    )
