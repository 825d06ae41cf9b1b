"""The address a request comes from, as django-axes counts failed logins by it.

Without configuration that is the connection's address (``REMOTE_ADDR``): a header such as
``X-Forwarded-For`` is written by whoever sends the request, so it can only be believed
when the portal is reachable solely through proxies that set it. Behind such proxies,
``PORTAL_CLIENT_IP_HEADER`` names the header and ``PORTAL_TRUSTED_PROXY_COUNT`` how many of
them append to it; the client is then the entry that the outermost trusted proxy added.
"""

import ipaddress

from django.conf import settings


def client_ip_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    meta_key = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "")
    if not meta_key:
        return remote
    entries = [entry.strip() for entry in request.META.get(meta_key, "").split(",")]
    count = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 1)
    if len(entries) < count:
        return remote  # fewer entries than proxies: not a header our proxies wrote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote
