"""The one ticket model that every printer backend renders.

It holds only what the printed slip shows: no personal data (the design allows at most a masked
name on public surfaces, and the ticket needs none), and the QR payload is an opaque token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

MIN_TOKEN_BITS = 128
REPRINT_MARK = "补打 REPRINT"


@dataclass(frozen=True)
class TicketPrint:
    """What a printed ticket shows. ``issued_at`` is aware and in the site's local time."""

    site_name: str
    label: str  # the number, e.g. "A012": printed largest
    category: str  # e.g. "第一剂"
    issued_at: datetime
    ahead: int  # people ahead in the queue when issued
    token: str  # opaque random token (>= 128 bits): the QR payload
    observation_minutes: int = 30
    reprint: bool = False  # prints REPRINT_MARK
    category_en: str = ""  # the category's English, under it (a site whose second language is on)
    wait_minutes: int | None = None  # the estimated wait when issued; None: no honest estimate

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("TicketPrint.issued_at must be timezone-aware (site local time)")
        if not self.label:
            raise ValueError("TicketPrint.label must not be empty")
        if not self.token:
            raise ValueError("TicketPrint.token must not be empty")
        if self.ahead < 0:
            raise ValueError("TicketPrint.ahead must be >= 0")
        if self.observation_minutes <= 0:
            raise ValueError("TicketPrint.observation_minutes must be > 0")
        if self.wait_minutes is not None and self.wait_minutes < 0:
            raise ValueError("TicketPrint.wait_minutes must be >= 0")


@dataclass(frozen=True)
class TicketWording:
    """The ticket's bilingual lines, worded once for every renderer (each adds its own styling)."""

    ahead: str
    estimate_zh: str  # "" when there is no estimate
    estimate_en: str
    issued: str
    wait_zh: str
    wait_en: str
    observation_zh: str
    observation_en: str


def ticket_wording(ticket: TicketPrint) -> TicketWording:
    """The lines that ``ticket`` prints below its site, number and category."""
    t = ticket
    minutes = t.wait_minutes
    return TicketWording(
        ahead=f"前面还有 {t.ahead} 人 / {t.ahead} ahead",
        estimate_zh="" if minutes is None else f"预计等候约 {minutes} 分钟",
        estimate_en=""
        if minutes is None
        else f"Estimated wait: about {minutes} minute{'s' if minutes != 1 else ''}",
        issued=f"取号时间 {t.issued_at:%Y-%m-%d %H:%M}",
        wait_zh="请留意叫号",
        wait_en="Please wait for your number to be called",
        observation_zh=f"接种后请留观 {t.observation_minutes} 分钟",
        observation_en=f"Stay {t.observation_minutes} minutes for observation after vaccination",
    )


def new_token() -> str:
    """A fresh opaque token: 128 random bits, URL-safe text (22 characters)."""
    return secrets.token_urlsafe(MIN_TOKEN_BITS // 8)


def sample_ticket(now: datetime, site_name: str) -> TicketPrint:
    """The ticket `kiosk printer test` prints: clearly a test, with a real random token."""
    return TicketPrint(
        site_name=site_name,
        label="A000",
        category="测试票 TEST",
        issued_at=now,
        ahead=0,
        token=new_token(),
        observation_minutes=30,
    )
