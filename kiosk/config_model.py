"""The site configuration's shape: typed, frozen dataclasses with the built-in defaults.

Reading and checking a TOML file is :mod:`kiosk.config`; the rules are :mod:`kiosk.config_checks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class SiteConfig:
    name: str = "城关镇卫生院疫苗接种点"
    code: str = "main"  # short site key stored on every row; [a-z0-9_-]{1,32}
    timezone: str = "Asia/Shanghai"  # must be a valid zoneinfo key
    language: str = "zh_CN"  # "zh_CN" or "en"


@dataclass(frozen=True)
class DayDefaults:
    capacity: int = 600  # >= 0
    observation_minutes: int = 30  # 1..240
    missed_grace_minutes: int = 30  # 0..480
    allergy_extra_minutes: int = 30  # 0..240, added to observation for an allergy history


@dataclass(frozen=True)
class Category:
    prefix: str  # 1-2 uppercase ASCII letters, unique
    label: str  # Chinese label e.g. "第一剂"
    label_en: str = ""
    priority: bool = False  # tickets of this category are priority tickets
    doses: str = "any"  # "first" | "later" | "any": the doses it is for (an appointment's ticket)

    def lines(self, language: str) -> tuple[str, str]:
        """Its name as the kiosk and the ticket show it: Chinese with the English under it on
        a Chinese site; the English alone (or the label) on an English one."""
        if language == "zh_CN":
            return self.label, self.label_en
        return self.label_en or self.label, ""


@dataclass(frozen=True)
class Desk:
    name: str  # unique, e.g. "登记1"
    kind: str  # "registration" | "vaccination" | "observation"


@dataclass(frozen=True)
class PrinterConfig:
    kind: str = "pdf"  # "pdf" | "system" | "escpos"
    dir: str = "tickets"  # pdf: output folder (relative = under the user data dir)
    name: str = ""  # system: CUPS queue / Windows printer name (required for system)
    host: str = ""  # escpos network (port 9100); exactly one of host/usb/serial for escpos
    port: int = 9100
    usb: str = ""  # escpos USB "04b8:0202" (hex vendor:product)
    serial: str = ""  # escpos serial device, e.g. "/dev/ttyUSB0"
    baudrate: int = 9600
    paper_mm: int = 80  # 80 or 58
    timeout_seconds: float = 10.0  # > 0


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = (
        ""  # "" = embedded SQLite in the user data dir; else sqlite:/// or postgresql+psycopg://
    )


@dataclass(frozen=True)
class ScreeningQuestion:
    key: str  # [a-z_]+ unique
    text: str  # Chinese question
    text_en: str = ""
    defers: bool = False  # a "yes" suggests deferral
    allergy: bool = False  # a "yes" lengthens observation by allergy_extra_minutes


@dataclass(frozen=True)
class Product:
    """A vaccine and its dose rules (kiosk.dose_rules); the open day stores a copy."""

    name: str  # as on the lots, e.g. "新冠病毒灭活疫苗(Vero细胞)"
    family: str  # doses of one family count toward one series; mixed products allowed
    series: int  # primary doses, 1..10
    manufacturer: str = ""
    min_interval_days: tuple[int, ...] = ()  # before dose 2, 3, ... (one per later primary dose)
    max_interval_days: tuple[int, ...] = ()  # optional, the same shape; a late dose is shown
    booster_min_interval_days: int | None = None  # boosters after the series; absent: none
    min_age_years: int = 0
    max_age_years: int | None = None


@dataclass(frozen=True)
class CodedReason:
    """A coded reason: to proceed against a dose rule (override), to defer, to waste doses.
    Reports group by code; a free-text note goes with it. The open day stores its lists
    (kiosk.dose_rules.RuleSet)."""

    code: str  # [a-z_]+ unique; stored with the dose or event and exported
    text: str
    text_en: str = ""


DEFAULT_PRODUCTS: tuple[Product, ...] = (
    Product(
        name="新冠疫苗(Vero细胞)",
        manufacturer="北京科兴中维",
        family="covid19",
        series=2,
        min_interval_days=(21,),
        max_interval_days=(56,),
        booster_min_interval_days=180,
        min_age_years=3,
        max_age_years=120,
    ),
)

DEFAULT_OVERRIDE_REASONS: tuple[CodedReason, ...] = (
    CodedReason("doctor_order", "医生评估后同意接种", "A doctor assessed and approved"),
    CodedReason("outbreak", "疫情应急接种", "Outbreak response"),
    CodedReason("record_error", "既往记录有误（已核实）", "Earlier record wrong (verified)"),
    CodedReason("travel", "出行需要（已核实）", "Travel requirement (verified)"),
)


DEFAULT_DEFERRAL_REASONS: tuple[CodedReason, ...] = (
    CodedReason("fever", "发热", "Fever"),
    CodedReason("acute_illness", "急性疾病", "Acute illness"),
    CodedReason("chronic_uncontrolled", "慢性病未控制", "Uncontrolled chronic disease"),
    CodedReason("pregnancy", "妊娠", "Pregnancy"),
    CodedReason("recent_vaccine", "近期接种其他疫苗", "Another vaccine recently"),
    CodedReason("severe_allergy", "严重过敏史", "History of severe allergy"),
    CodedReason("not_by_schedule", "不符合接种程序", "Not due by the schedule"),
    CodedReason("declined", "本人拒绝", "Declined"),
    CodedReason("other", "其他", "Other"),
)

DEFAULT_WASTE_REASONS: tuple[CodedReason, ...] = (
    CodedReason("expired_open", "开启后超时", "Past its time once opened"),
    CodedReason("day_end", "当日未用完", "Left at the end of the day"),
    CodedReason("drawn_not_given", "已抽取未接种", "Drawn, not given"),
    CodedReason("broken", "破损", "Broken"),
    CodedReason("contaminated", "污染", "Contaminated"),
    CodedReason("cold_chain", "冷链异常", "Cold chain failure"),
    CodedReason("other", "其他", "Other"),
)


@dataclass(frozen=True)
class RecordConfig:
    slip: str = "vaccination"  # when the record slip prints: "vaccination" | "release" | "off"
    gs_standin: str = ""  # what a scanner sends for GS1's group separator, when not the byte itself


@dataclass(frozen=True)
class BackupConfig:
    dir: str = "backups"  # relative: under the user data folder
    keep: int = 30  # 1..1000 automatic backups kept (the oldest go first)


@dataclass(frozen=True)
class DisplayConfig:
    notices: tuple[str, ...] = ("早打早安全，接种保健康", "接种后请在留观区留观30分钟")


@dataclass(frozen=True)
class VoiceConfig:
    enabled: bool = True
    volume: float = 0.8  # 0.0..1.0
    repeat: int = 2  # 1..5: each call is said this many times (after one chime)


@dataclass(frozen=True)
class AppointmentsConfig:
    """The village lists' appointments (kiosk.appointments)."""

    keep_days: int = 90  # 1..3650: one that never led to a dose is deleted this long after


@dataclass(frozen=True)
class ClearingConfig:
    """Clearing to zero (当日清零) on the admin screen."""

    start: str = "15:00"  # HH:MM, the site's time: from then the screen puts clearing first
    warn_minutes: int = 20  # 1..240: warn when an opened vial is this near its use-by

    @property
    def start_time(self) -> time:
        hours, minutes = self.start.split(":")
        return time(int(hours), int(minutes))


@dataclass(frozen=True)
class KioskConfig:
    idle_seconds: int = 15  # back to the start screen after this; 3..600
    speak: bool = True  # after a tap, say the number and the people ahead (the display's voice)


DEFAULT_SCREENING: tuple[ScreeningQuestion, ...] = (
    ScreeningQuestion(
        "fever", "今天是否发热（体温≥37.3°C）？", "Do you have a fever today (37.3 °C or above)?",
        defers=True,
    ),
    ScreeningQuestion(
        "allergy", "是否有药物、食物或疫苗过敏史？",
        "Have you ever had an allergy to a medicine, food or vaccine?", allergy=True,
    ),
    ScreeningQuestion(
        "pregnancy", "目前是否怀孕？", "Are you pregnant?", defers=True,
    ),
    ScreeningQuestion(
        "chronic_disease", "是否患有未控制的慢性病（如高血压、糖尿病）？",
        "Do you have an uncontrolled chronic disease (e.g. hypertension, diabetes)?", defers=True,
    ),
    ScreeningQuestion(
        "recent_vaccine", "近14天内是否接种过其他疫苗？",
        "Have you received another vaccine in the last 14 days?", defers=True,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Config:
    schema: int = SCHEMA_VERSION
    site: SiteConfig = SiteConfig()
    day: DayDefaults = DayDefaults()
    categories: tuple[Category, ...] = (
        Category("A", "第一剂", "First dose", doses="first"),
        Category("B", "第二剂及加强针", "Later dose", doses="later"),
    )
    desks: tuple[Desk, ...] = (
        Desk("登记1", "registration"),
        Desk("登记2", "registration"),
        Desk("接种1", "vaccination"),
        Desk("接种2", "vaccination"),
        Desk("留观", "observation"),
    )
    printer: PrinterConfig = PrinterConfig()
    database: DatabaseConfig = DatabaseConfig()
    screening: tuple[ScreeningQuestion, ...] = DEFAULT_SCREENING
    products: tuple[Product, ...] = DEFAULT_PRODUCTS
    override_reasons: tuple[CodedReason, ...] = DEFAULT_OVERRIDE_REASONS
    deferral_reasons: tuple[CodedReason, ...] = DEFAULT_DEFERRAL_REASONS
    waste_reasons: tuple[CodedReason, ...] = DEFAULT_WASTE_REASONS
    record: RecordConfig = RecordConfig()
    backup: BackupConfig = BackupConfig()
    display: DisplayConfig = DisplayConfig()
    voice: VoiceConfig = VoiceConfig()
    kiosk: KioskConfig = KioskConfig()
    clearing: ClearingConfig = ClearingConfig()
    appointments: AppointmentsConfig = AppointmentsConfig()


DEFAULT = Config()


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a config file. ``key`` is a dotted path; "" means the file as a whole."""

    key: str
    reason: str

    def __str__(self) -> str:
        return f"{self.key}: {self.reason}" if self.key else self.reason


class ConfigError(Exception):
    """A config file was rejected; ``issues`` holds every problem found, in file order."""

    def __init__(self, issues: list[ConfigIssue], source: str = "<config>") -> None:
        self.issues = list(issues)
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        lines = [f"{self.source}: {len(self.issues)} problem(s):"]
        lines += [f"{self.source}: {issue}" for issue in self.issues]
        return "\n".join(lines)
