<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Screening</name>
    <message>
        <source>Screening (answer every question)</source>
        <translation>健康询问（每题必答）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Answer every screening question.</source>
        <translation>请回答每一个健康询问问题。</translation>
    </message>
    <message>
        <source>Deferral suggested: %1</source>
        <translation>建议暂缓：%1</translation>
    </message>
    <message>
        <source>Allergy history: observation %1 min.</source>
        <translation>有过敏史：留观 %1 分钟。</translation>
    </message>
    <message>
        <source>Screening passed.</source>
        <translation>筛查通过。</translation>
    </message>
</context>
</TS>
