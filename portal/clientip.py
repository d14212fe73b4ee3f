"""The real client address behind trusted reverse proxies.

X-Forwarded-For is written by the client first and by each proxy after it, so
only its right-hand end can be trusted: as many entries as there are proxies
we run (``TRUSTED_PROXY_COUNT``), or the entries added by known proxy addresses
(``TRUSTED_PROXIES``). Anything else in the header is the client's to forge.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


def _valid(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [::1]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 1.2.3.4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not forwarded:
        return remote
    chain = [part.strip() for part in forwarded.split(",")]
    proxies = tuple(settings.TRUSTED_PROXIES)
    if proxies:
        networks = _networks(proxies)
        if not _is_trusted(remote, networks):
            return remote
        for entry in reversed(chain):
            address = _valid(entry)
            if address is None:
                return remote
            if not _is_trusted(address, networks):
                return address
        return remote
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0 or len(chain) < count:
        return remote
    return _valid(chain[-count]) or remote
