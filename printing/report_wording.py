"""The printed report's wording: each figure, stage and heading in Chinese and English, worded once
for every page (as :func:`printing.slip.slip_wording` is for the slip)."""

from __future__ import annotations

Words = tuple[str, str]

TITLES: dict[str, Words] = {
    "day": ("接种日报", "Daily vaccination report"),
    "cumulative": ("累计接种报表", "Cumulative vaccination report"),
}

HEADINGS: dict[str, Words] = {
    "summary": ("当日概况", "The day at a glance"),
    "cumulative_summary": ("累计概况", "Totals"),
    "doses_by_product": ("按疫苗品种", "Doses by product"),
    "doses_by_lot": ("按批号", "Doses by lot"),
    "doses_by_dose_number": ("按剂次", "Doses by dose number"),
    "deferrals_by_reason": ("暂缓接种原因", "Deferrals by reason"),
    "waste_by_reason": ("损耗原因", "Waste by reason"),
    "overrides_by_reason": ("违反规则接种原因", "Overrides by reason"),
    "adverse_by_severity": ("疑似异常反应（按严重程度）", "Adverse events by severity"),
    "waits": ("各环节等候时间（分钟）", "Waits per stage (minutes)"),
    "throughput": ("每小时人次", "Throughput per hour"),
    "per_hour": ("每小时明细", "Hour by hour"),
    "waits_chart": ("全天等候（取号至登记叫号）", "Waits through the day (issue to first call)"),
    "desks": ("各登记台登记人数", "Registered per desk"),
    "stations": ("各接种台接种人数", "Vaccinated per station"),
    "desk_hours": ("各台每小时人次", "Each desk and station, hour by hour"),
    "clearing": ("当日清零与核对", "Clear to zero and reconciliation"),
    "fridge": ("冷链温度", "Fridge temperatures"),
    "per_day": ("每日明细", "Day by day"),
    "doses_per_day": ("每日接种剂次", "Doses per day"),
    "villages": ("各村（社区）接种覆盖", "Coverage by village"),
    "villages_day": ("当日预约（按村、社区）", "The day's appointments by village"),
}

FIGURES: dict[str, Words] = {
    "status": ("状态", "Status"),
    "issued": ("取号", "Tickets issued"),
    "priority_issued": ("优先号", "Priority tickets"),
    "vaccinated": ("已接种", "Vaccinated"),
    "deferred": ("暂缓接种", "Deferred"),
    "cancelled": ("已取消", "Cancelled"),
    "missed": ("过号未回", "Missed"),
    "missed_calls": ("过号次数", "Missed calls"),
    "reinstated": ("过号后恢复", "Reinstated"),
    "unserved": ("未服务", "Unserved"),
    "in_progress": ("进行中", "In progress"),
    "left_early": ("提前离开", "Left observation early"),
    "first_dose_persons": ("第一针剂人数", "First-dose persons"),
    "capacity": ("当日限额", "Capacity"),
    "stock": ("当日疫苗（剂）", "Doses in stock"),
    "doses_given": ("接种剂次", "Doses given"),
    "doses_used": ("已抽取", "Doses drawn"),
    "doses_wasted": ("损耗", "Doses wasted"),
    "doses_returned": ("未开启退回", "Returned unopened"),
    "doses_left": ("剩余", "Doses left"),
    "open_vial_doses_left": ("已开启瓶内剩余", "Left in opened vials"),
    "adverse_events": ("疑似异常反应", "Adverse events"),
    "adverse_events_open": ("未结案反应", "Adverse events open"),
    "median_wait_minutes": ("等候中位数（分钟）", "Median wait (min)"),
    "p90_wait_minutes": ("等候90分位（分钟）", "90th percentile wait (min)"),
    # cumulative
    "days": ("服务天数", "Service days"),
    "cumulative_doses": ("累计剂次", "Doses given, all days"),
    "cumulative_first_dose_persons": ("第一针剂人数（累计）", "First-dose persons, all days"),
    "cumulative_issued": ("累计取号", "Tickets issued, all days"),
    "cumulative_vaccinated": ("累计接种人次", "Vaccinated, all days"),
    "cumulative_deferred": ("累计暂缓", "Deferred, all days"),
    "cumulative_missed": ("累计过号未回", "Missed, all days"),
    "cumulative_wasted": ("累计损耗（剂）", "Doses wasted, all days"),
    "cumulative_adverse_events": ("累计疑似异常反应", "Adverse events, all days"),
    "days_cleared_to_zero": ("当日清零天数", "Days cleared to zero"),
    "days_closed": ("已结束天数", "Days closed"),
    # clear to zero
    "cleared_to_zero": ("当日清零", "Cleared to zero"),
    "balanced": ("核对平衡", "Balanced"),
    "doses_in": ("当日领用（剂）", "Doses taken into the day"),
    "given": ("已接种（剂）", "Given"),
    "wasted": ("损耗（剂）", "Wasted"),
    "returned": ("退回库存（剂）", "Returned to the inventory"),
    "left_in_open_vials": ("已开启瓶内剩余（剂）", "Left in opened vials"),
    "fridge_open_c": ("开门时温度 °C", "At opening, °C"),
    "fridge_close_c": ("关门时温度 °C", "At closing, °C"),
}

STAGES: dict[str, Words] = {
    "issue_to_registration_call": ("取号→登记叫号", "Issue to registration call"),
    "registration_call_to_registered": ("登记叫号→登记完成", "At the registration desk"),
    "registered_to_station_call": ("登记完成→接种叫号", "Registered to station call"),
    "station_call_to_vaccinated": ("接种叫号→接种完成", "At the station"),
    "issue_to_vaccinated": ("取号→接种完成（全程）", "Issue to vaccinated (whole visit)"),
}

STANDBY: dict[str, Words] = {
    "waiting": ("待联系", "waiting"),
    "called": ("已致电", "called"),
    "coming": ("正在赶来", "coming"),
    "unreachable": ("联系不上", "unreachable"),
    "arrived": ("已到达", "arrived"),
}

SEVERITY: dict[str, Words] = {
    "mild": ("轻度", "mild"),
    "moderate": ("中度", "moderate"),
    "severe": ("重度", "severe"),
}

STATUS: dict[str, Words] = {"open": ("进行中", "open"), "closed": ("已结束", "closed")}

YES_NO: dict[bool | None, Words] = {True: ("是", "yes"), False: ("否", "no"), None: ("—", "—")}

COLUMNS: dict[str, Words] = {
    "item": ("项目", "Item"),
    "place": ("登记台 / 接种台", "Desk / station"),
    "total": ("全天", "All day"),
    "value": ("数值", "Value"),
    "count": ("数量", "Count"),
    "measured": ("人数", "Measured"),
    "median": ("中位数", "Median"),
    "p90": ("90分位", "p90"),
    "day": ("日期", "Day"),
    "issued": ("取号", "Issued"),
    "doses": ("剂次", "Doses"),
    "first": ("第一针", "1st dose"),
    "deferred": ("暂缓", "Deferred"),
    "missed": ("过号", "Missed"),
    "wasted": ("损耗", "Wasted"),
    "cleared": ("清零", "Cleared"),
    "registered": ("登记", "Registered"),
    "vaccinated": ("接种", "Vaccinated"),
    "village": ("村（社区）", "Village"),
    "listed": ("登记人数", "Registered"),
    "first_dose": ("第一针", "1st dose"),
    "completed": ("全程接种", "Series done"),
    "due": ("待接种下一剂", "Next dose due"),
    "coverage": ("第一针覆盖率", "1st-dose coverage"),
    "booked": ("预约人数", "Booked"),
    "booked_vaccinated": ("已接种", "Vaccinated"),
}

TOTAL: Words = ("合计", "Total")
VILLAGES_NOTE: Words = (
    "登记人数：截至报表日期已列入村（社区）预约名单的居民（按最近一次预约所属村）；"
    "待接种下一剂：按接种规则截至报表日期应接种下一剂而未接种的人数。",
    "Registered: residents on the village lists by the report's date (the village of their latest"
    " appointment). Next dose due: residents whose next dose was due by that date and not given.",
)

UNCODED: Words = ("未编码", "not coded")
NOTHING: Words = ("无", "none")
PAGE: Words = ("第 {page} 页，共 {pages} 页", "page {page} of {pages}")
MADE_AT: Words = ("生成时间", "Made at")
SITE: Words = ("接种单位", "Site")


def figure(key: str) -> Words:
    return FIGURES.get(key, (key, key))
