"""Simulated service days: through the real engine (:mod:`.day`), or as a fast model of the same
day for the staffing planner (:mod:`.model`), both playing one script of residents (:mod:`.script`).
"""

from kiosk.simulate.day import (
    DaySimulation,
    SimOutcome,
    observation_shape,
    simulate_days,
    summary,
)
from kiosk.simulate.model import ModelDay, model_day
from kiosk.simulate.params import (
    CLOSE_AT,
    LAST_ARRIVAL,
    OPEN_AT,
    PEAK,
    SimParams,
    desk_names,
    desks_needed,
    site_day,
)
from kiosk.simulate.population import Population
from kiosk.simulate.script import Resident, draw_day

__all__ = [
    "CLOSE_AT",
    "LAST_ARRIVAL",
    "OPEN_AT",
    "PEAK",
    "DaySimulation",
    "ModelDay",
    "Population",
    "Resident",
    "SimOutcome",
    "SimParams",
    "desk_names",
    "desks_needed",
    "draw_day",
    "model_day",
    "observation_shape",
    "simulate_days",
    "site_day",
    "summary",
]
