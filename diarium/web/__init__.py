"""The officers' web page and JSON API: `create_app` builds it, `diarium serve` runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diarium.web.app import create_app, create_app_from_env

__all__ = ["create_app", "create_app_from_env"]


def __getattr__(name: str) -> Any:
    # Imported on first use: `diarium search` uses `diarium.web.suggest` for "Menade du
    # …?", and importing this package must not import FastAPI and the page (0.4 s, 70 MB).
    if name in __all__:
        from diarium.web import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
