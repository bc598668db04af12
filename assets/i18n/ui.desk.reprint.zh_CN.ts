<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Reprinter</name>
    <message>
        <source>%1 is already being printed.</source>
        <translation>%1 正在打印中。</translation>
    </message>
    <message>
        <source>Reprinting %1…</source>
        <translation>正在补打 %1…</translation>
    </message>
    <message>
        <source>%1 reprinted.</source>
        <translation>%1 已补打。</translation>
    </message>
    <message>
        <source>%1 was not reprinted: %2. The number stays valid.</source>
        <translation>%1 补打失败：%2。该号码仍然有效。</translation>
    </message>
</context>
</TS>
