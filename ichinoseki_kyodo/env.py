"""Strict parsing of the environment variables that configure the portal."""

import os
import re

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {raw!r}.")
    return value


_HEADER_NAME = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")


def env_header(name: str) -> str:
    """An HTTP header name (``X-Forwarded-For``) as Django's ``request.META`` key
    (``HTTP_X_FORWARDED_FOR``), or "" when the variable is unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    if not _HEADER_NAME.match(raw):
        raise ImproperlyConfigured(
            f"{name} must be an HTTP header name such as X-Forwarded-For, not {raw!r}."
        )
    return "HTTP_" + raw.upper().replace("-", "_")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_emails(name: str) -> list[str]:
    """Comma-separated e-mail addresses, each once in the order given; [] when the variable
    is unset or empty. An address that is not one stops the start."""
    addresses = []
    for address in env_list(name, []):
        try:
            validate_email(address)
        except ValidationError:
            raise ImproperlyConfigured(
                f"{name} must be e-mail addresses separated by commas; {address!r} is not one."
            ) from None
        if address.lower() not in {known.lower() for known in addresses}:
            addresses.append(address)
    return addresses
