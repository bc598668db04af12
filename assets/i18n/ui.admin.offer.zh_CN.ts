<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OfferPanel</name>
    <message>
        <source>Appointment holders who agreed to be called</source>
        <translation>已预约且同意候补的居民</translation>
    </message>
    <message>
        <source>Nobody with a later appointment agreed to be called.</source>
        <translation>暂无同意候补的后续预约居民。</translation>
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
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约日期</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>%1 is on the standby list.</source>
        <translation>%1 已加入候补名单。</translation>
    </message>
</context>
</TS>
