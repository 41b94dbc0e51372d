"""Plain Python values for JSON documents: the CLI's ``--json`` and the workshop's export."""

from __future__ import annotations

import math
from typing import Any


def plain(value: Any) -> Any:
    """Plain Python numbers (numpy scalars unwrapped, NaN → None), all the way down."""
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
