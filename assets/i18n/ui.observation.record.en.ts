<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>RecordPanel</name>
    <message numerus="yes">
        <source>%1 · %2: %n dose(s) on record</source>
        <translation>
            <numerusform>%1 · %2: %n dose on record</numerusform>
            <numerusform>%1 · %2: %n doses on record</numerusform>
        </translation>
    </message>
</context>
</TS>
