"""Which network addresses a clone may reach, whatever way they are spelled.

`127.1`, `0x7f000001`, `2130706433`, `0177.0.0.1` and `[::ffff:127.0.0.1]` all reach the
loopback interface through the C resolver; a check that only compares strings misses them.
"""

from __future__ import annotations

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata services: reachable from inside a VM, they hand out credentials.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(text)
    for text in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)
_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
_NUMERIC_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


def parse_address(host: str) -> IPAddress | None:
    """The address `host` stands for when it is an IP literal in any spelling inet_aton accepts."""
    text = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    return _parse_inet_aton(text)


def looks_numeric(host: str) -> bool:
    """True for hosts made of numeric parts only (`127.1`, `0x7f.1`): never a real DNS name."""
    parts = host.rstrip(".").split(".")
    return bool(parts) and all(_NUMERIC_PART.match(part) for part in parts)


def _parse_inet_aton(text: str) -> ipaddress.IPv4Address | None:
    """inet_aton's legacy forms: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x)."""
    parts = text.rstrip(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.match(part) for part in parts):
        return None
    try:
        numbers = [_parse_part(part) for part in parts]
    except ValueError:
        return None
    last_bits = 8 * (5 - len(numbers))
    if any(number > 255 for number in numbers[:-1]) or numbers[-1] >= 1 << last_bits:
        return None
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value |= number << (24 - 8 * index)
    return ipaddress.IPv4Address(value)


def _parse_part(part: str) -> int:
    lowered = part.lower()
    if lowered.startswith("0x"):
        return int(lowered[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part, 10)


def is_internal(address: IPAddress) -> bool:
    """True for every address a stranger's URL must not make us contact."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None and is_internal(mapped):
            return True
        if address.teredo is not None and any(is_internal(part) for part in address.teredo):
            return True
    if address in METADATA_ADDRESSES or address in _SHARED_ADDRESS_SPACE:
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return True
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
