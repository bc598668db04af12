<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DuePanel</name>
    <message>
        <source>Next doses</source>
        <translation>下一剂</translation>
    </message>
    <message>
        <source>Residents due for their next dose</source>
        <translation>应种下一剂的居民</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村（社区）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Vaccine</source>
        <translation>疫苗</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>剂次</translation>
    </message>
    <message>
        <source>Due from</source>
        <translation>应种日期</translation>
    </message>
    <message>
        <source>Due until</source>
        <translation>最迟</translation>
    </message>
    <message>
        <source>No village on file</source>
        <translation>未登记村（社区）</translation>
    </message>
    <message>
        <source>%1 residents due from %2 to %3.</source>
        <translation>%2 至 %3 应种下一剂：%1 人。</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 residents due saved: %2</source>
        <translation>已保存 %1 人的下一剂名单：%2</translation>
    </message>
    <message>
        <source>The list is still being saved: one moment.</source>
        <translation>名单正在保存，请稍候。</translation>
    </message>
</context>
</TS>
