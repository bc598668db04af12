"""The engine: every operation of a service day, each one transaction that appends its events.

The operations live in small mixins by concept: the day and its stock (:mod:`kiosk.engine_day`),
issuing and calling (:mod:`kiosk.engine_tickets`), registration, vaccination and observation
(:mod:`kiosk.engine_care`), and what the screens read (:mod:`kiosk.engine_queries`).
"""

from __future__ import annotations

from kiosk.engine_queries import Queries


class Engine(Queries):  # Queries < CareOps < TicketOps < DayOps < EngineBase
    """One site's engine over one database, with an injected clock."""
