<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Prompts</name>
    <message>
        <source>— choose a reason —</source>
        <translation>— 请选择原因 —</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <source>Undo vaccination of %1</source>
        <translation>撤销 %1 的接种</translation>
    </message>
    <message>
        <source>%1 · %2 is recorded as vaccinated. Undo it only if the dose was not given.</source>
        <translation>%1 · %2 已记录为已接种。仅在实际未接种时撤销。</translation>
    </message>
    <message>
        <source>The dose was never drawn: it goes back to its vial</source>
        <translation>未抽取疫苗：该剂退回原药瓶</translation>
    </message>
    <message>
        <source>The dose was drawn but not given: it is recorded as wasted</source>
        <translation>已抽取但未接种：该剂登记为废弃</translation>
    </message>
    <message>
        <source>The person goes back to the front of the vaccination queue.</source>
        <translation>受种者将回到接种队列最前。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
</TS>
