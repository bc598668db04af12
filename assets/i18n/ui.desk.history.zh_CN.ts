<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HistoryPanel</name>
    <message>
        <source>History and corrections</source>
        <translation>记录与更正</translation>
    </message>
    <message>
        <source>e.g. A012 [Ctrl+H]</source>
        <translation>如 A012 [Ctrl+H]</translation>
    </message>
    <message>
        <source>Type a number and press Enter to see its history</source>
        <translation>输入号码后按回车，查看其记录</translation>
    </message>
    <message>
        <source>Correct the outcome…</source>
        <translation>更正结果…</translation>
    </message>
    <message>
        <source>Correct lot / dose…</source>
        <translation>更正批号/剂次…</translation>
    </message>
    <message>
        <source>Undo vaccination…</source>
        <translation>撤销接种…</translation>
    </message>
    <message>
        <source>The person was recorded as vaccinated but was not: back to the queue</source>
        <translation>已记录为接种但实际未接种：退回接种队列</translation>
    </message>
    <message>
        <source>Reprint record slip</source>
        <translation>补打接种凭证</translation>
    </message>
    <message>
        <source>(superseded by a correction)</source>
        <translation>（已被更正取代）</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Correct the outcome</source>
        <translation>更正结果</translation>
    </message>
    <message>
        <source>Why was the outcome wrong?</source>
        <translation>结果为什么有误？</translation>
    </message>
    <message>
        <source>Corrected; the original stays in the history.</source>
        <translation>已更正；原记录保留在历史中。</translation>
    </message>
    <message>
        <source>%1 is not in observation: it is %2.</source>
        <translation>%1 不在留观中：当前为%2。</translation>
    </message>
    <message>
        <source>%1 is back at the front of the vaccination queue; the drawn dose is recorded as wasted.</source>
        <translation>%1 已回到接种队列最前；已抽取的一剂登记为废弃。</translation>
    </message>
    <message>
        <source>%1 is back at the front of the vaccination queue; the dose is back in its vial.</source>
        <translation>%1 已回到接种队列最前；该剂已退回原药瓶。</translation>
    </message>
</context>
</TS>
