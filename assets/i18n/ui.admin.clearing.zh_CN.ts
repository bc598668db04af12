<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClearingPanel</name>
    <message>
        <source>Clear to zero</source>
        <translation>清零</translation>
    </message>
    <message>
        <source>more residents needed to use every opened dose</source>
        <translation>还需要的人数，才能用完所有已开启的疫苗</translation>
    </message>
    <message>
        <source>Doses left in opened vials</source>
        <translation>已开启疫苗瓶中剩余剂次</translation>
    </message>
    <message>
        <source>Promised to issued tickets</source>
        <translation>已发号待接种</translation>
    </message>
    <message>
        <source>Unopened today (vials / doses)</source>
        <translation>今日未开启（瓶 / 剂次）</translation>
    </message>
    <message>
        <source>Unopened in the inventory (doses)</source>
        <translation>库存中未开启（剂次）</translation>
    </message>
    <message>
        <source>Nobody is waiting and vial %1 (%2) must be used within %3 min: %4 doses left.</source>
        <translation>无人等候，%1号瓶（批号%2）须在%3分钟内用完：还剩%4剂。</translation>
    </message>
    <message>
        <source>Call residents from the standby list.</source>
        <translation>请联系候补名单上的居民。</translation>
    </message>
</context>
</TS>
