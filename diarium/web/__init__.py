"""The officers' web page and JSON API: `create_app` builds it, `diarium serve` runs it."""

from diarium.web.app import create_app, create_app_from_env

__all__ = ["create_app", "create_app_from_env"]
