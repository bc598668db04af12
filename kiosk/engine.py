"""The engine: every operation of a service day, each one transaction that appends its events.

The operations live in small mixins by concept, each building on the one before:
lots and vials (:mod:`kiosk.engine_stock`), the day and its cap (:mod:`kiosk.engine_day`),
issuing and calling (:mod:`kiosk.engine_tickets`), registration and vaccination
(:mod:`kiosk.engine_care`), observation and adverse events (:mod:`kiosk.engine_observation`),
corrections (:mod:`kiosk.engine_corrections`), and what the screens read
(:mod:`kiosk.engine_queries`). What they share is in :mod:`kiosk.engine_base`.
"""

from __future__ import annotations

from kiosk.engine_queries import Queries


class Engine(Queries):
    """One site's engine over one database, with an injected clock."""
