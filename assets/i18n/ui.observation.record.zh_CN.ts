<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RecordPanel</name>
    <message>
        <source>Vaccination record</source>
        <translation>接种记录</translation>
    </message>
    <message>
        <source>Reprint record slip</source>
        <translation>补打接种凭证</translation>
    </message>
    <message>
        <source>Select a person to see their record.</source>
        <translation>选择一人以查看其接种记录。</translation>
    </message>
    <message>
        <source>Reading the record…</source>
        <translation>正在读取接种记录…</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2: %n dose(s) on record</source>
        <translation>
            <numerusform>%1 · %2：记录中共 %n 剂</numerusform>
        </translation>
    </message>
</context>
</TS>
