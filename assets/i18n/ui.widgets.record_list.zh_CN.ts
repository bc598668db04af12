<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RecordList</name>
    <message>
        <source>%1 · deferred (%2): %3</source>
        <translation>%1 · 暂缓（%2）：%3</translation>
    </message>
    <message>
        <source>%1 · adverse event (%2): %3</source>
        <translation>%1 · 不良反应（%2）：%3</translation>
    </message>
    <message>
        <source>lot %1</source>
        <translation>批号 %1</translation>
    </message>
    <message>
        <source>box %1</source>
        <translation>箱码 %1</translation>
    </message>
    <message>
        <source>(not on the lot&apos;s list)</source>
        <translation>（不在批号清单中）</translation>
    </message>
    <message>
        <source>given elsewhere</source>
        <translation>外院接种</translation>
    </message>
    <message>
        <source>override: %1</source>
        <translation>例外：%1</translation>
    </message>
    <message>
        <source>(corrected)</source>
        <translation>（已更正）</translation>
    </message>
</context>
</TS>
