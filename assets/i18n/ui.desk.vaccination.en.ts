<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>VaccinationPanel</name>
    <message numerus="yes">
        <source>Vial %1 is past its use-by: record its %n dose(s) as waste.</source>
        <translation>
            <numerusform>Vial %1 is past its use-by: record its %n dose as waste.</numerusform>
            <numerusform>Vial %1 is past its use-by: record its %n doses as waste.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Vial %1 must be used by %2: %n dose(s) left.</source>
        <translation>
            <numerusform>Vial %1 must be used by %2: %n dose left.</numerusform>
            <numerusform>Vial %1 must be used by %2: %n doses left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dose(s) recorded as wasted.</source>
        <translation>
            <numerusform>%n dose recorded as wasted.</numerusform>
            <numerusform>%n doses recorded as wasted.</numerusform>
        </translation>
    </message>
</context>
</TS>
