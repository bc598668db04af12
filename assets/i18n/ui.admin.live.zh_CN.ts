<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LivePanel</name>
    <message>
        <source>Tickets</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发号</translation>
    </message>
    <message>
        <source>In observation</source>
        <translation>留观中</translation>
    </message>
    <message>
        <source>Vaccinated</source>
        <translation>已接种</translation>
    </message>
    <message>
        <source>Waiting: desks</source>
        <translation>等候登记</translation>
    </message>
    <message>
        <source>Waiting: stations</source>
        <translation>等候接种</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>Doses</source>
        <translation>剂次</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>Promised to tickets</source>
        <translation>已发号待接种</translation>
    </message>
    <message>
        <source>Wasted</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Left for new tickets</source>
        <translation>可再发号</translation>
    </message>
    <message>
        <source>The cap on issuing</source>
        <translation>发号上限</translation>
    </message>
    <message>
        <source>%1 of %2 places taken</source>
        <translation>已占名额 %1 / %2</translation>
    </message>
    <message>
        <source>Vaccinated and expected; deferred, cancelled and missed numbers free theirs</source>
        <translation>已接种与待接种者占用名额；暂缓、取消和过号的号码会让出名额</translation>
    </message>
    <message>
        <source>The kiosk can issue %1 more (capacity %2, stock %3).</source>
        <translation>取号机还可发%1个号（距接种能力%2，余苗%3）。</translation>
    </message>
    <message>
        <source>%1: not opened yet</source>
        <translation>%1：尚未开始</translation>
    </message>
    <message>
        <source>Open the day in the Day and stock tab.</source>
        <translation>请在“当日与库存”页开始当日接种。</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已日结</translation>
    </message>
    <message>
        <source>The kiosk has stopped: the capacity is reached.</source>
        <translation>取号机已停止：已达接种能力上限。</translation>
    </message>
    <message>
        <source>The kiosk has stopped: no dose is left in stock.</source>
        <translation>取号机已停止：余苗已用完。</translation>
    </message>
    <message>
        <source>The kiosk is paused (capacity 0).</source>
        <translation>取号机已暂停（接种能力为0）。</translation>
    </message>
    <message>
        <source>The day is closed.</source>
        <translation>当日已日结。</translation>
    </message>
</context>
</TS>
