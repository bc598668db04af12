<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>RecordBox</name>
    <message numerus="yes">
        <source>On record as %1: %n dose(s)</source>
        <translation>
            <numerusform>On record as %1: %n dose</numerusform>
            <numerusform>On record as %1: %n doses</numerusform>
        </translation>
    </message>
</context>
</TS>
