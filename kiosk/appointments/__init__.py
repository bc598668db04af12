"""The village lists (预约登记, issue 17): reading and checking them, storing them, the due list.

Village staff register residents door to door and bring a spreadsheet. This package reads it
(:mod:`~kiosk.appointments.sources`: CSV in UTF-8, UTF-8 with a BOM or GB18030, detected; XLSX),
matches its headers in any order (:mod:`~kiosk.appointments.fields`: 姓名, 证件类型, 证件号码 /
身份证号, 国籍 for passports, 手机号 / 联系电话, 村 / 社区 / 村/社区 / 村（社区）, 预约日期, 剂次,
同意候补; or name, document_type, document, country, phone, village, date, dose, standby), checks
every row (:mod:`~kiosk.appointments.checking`) and plans the write in batches
(:mod:`~kiosk.appointments.store`). The engine part :mod:`kiosk.engine.appointments` runs it as
one transaction and serves the kiosk, the desk and the manager; :mod:`~kiosk.appointments.due`
computes who is due for a next dose.

An appointment's key is (document kind, number, issuing country for a passport, dose number):
the same key in a later list updates the appointment; the same list twice changes nothing.
Problems are :class:`~kiosk.appointments.model.ImportProblem` (row as the spreadsheet shows it,
header = row 1; the column's header text; a code; an English reason that never repeats a
document or phone number). No Qt here: the admin screen and the command line share it.
"""

from kiosk.appointments.model import (
    DUE_COLUMNS,
    Appointment,
    AppointmentIn,
    DueRow,
    ImportProblem,
    ImportReport,
    KioskLookup,
    KioskMatch,
    Progress,
    StandbyCandidate,
)

__all__ = [
    "DUE_COLUMNS",
    "Appointment",
    "AppointmentIn",
    "DueRow",
    "ImportProblem",
    "ImportReport",
    "KioskLookup",
    "KioskMatch",
    "Progress",
    "StandbyCandidate",
]
