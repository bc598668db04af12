<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SlipPrinter</name>
    <message>
        <source>The slip of %1 is already printing.</source>
        <translation>%1 的接种凭证正在打印。</translation>
    </message>
    <message>
        <source>Reprinting the record slip of %1…</source>
        <translation>正在补打 %1 的接种凭证…</translation>
    </message>
    <message>
        <source>Record slip of %1 reprinted.</source>
        <translation>%1 的接种凭证已补打。</translation>
    </message>
    <message>
        <source>Record slip of %1 printed.</source>
        <translation>%1 的接种凭证已打印。</translation>
    </message>
    <message>
        <source>The record slip of %1 was not printed: %2. Reprint it from the history.</source>
        <translation>%1 的接种凭证未打印：%2。请在历史记录中补打。</translation>
    </message>
</context>
</TS>
