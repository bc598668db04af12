<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CountsBoard</name>
    <message>
        <source>Waiting: registration</source>
        <translation>登记等候</translation>
    </message>
    <message>
        <source>Waiting: vaccination</source>
        <translation>接种等候</translation>
    </message>
    <message>
        <source>In observation</source>
        <translation>留观中</translation>
    </message>
    <message>
        <source>A new number waits about %1 min</source>
        <translation>新取号预计等候约 %1 分钟</translation>
    </message>
</context>
<context>
    <name>DeskBoard</name>
    <message>
        <source>Desks and stations</source>
        <translation>登记台与接种台</translation>
    </message>
</context>
<context>
    <name>HeroPanel</name>
    <message>
        <source>Now calling</source>
        <translation>正在叫号</translation>
    </message>
    <message>
        <source>★ New call</source>
        <translation>★ 新叫号</translation>
    </message>
    <message>
        <source>Vaccination has ended for today</source>
        <translation>今日接种已结束</translation>
    </message>
    <message>
        <source>Thank you. Please come back on another service day</source>
        <translation>感谢配合，请在其他接种日再来</translation>
    </message>
    <message>
        <source>Not open yet</source>
        <translation>今日尚未开始</translation>
    </message>
    <message>
        <source>Numbers are called here once vaccination starts</source>
        <translation>接种开始后在此叫号</translation>
    </message>
    <message>
        <source>No number called yet</source>
        <translation>尚未叫号</translation>
    </message>
    <message>
        <source>Number %1, please go to %2</source>
        <translation>请 %1 号 到 %2</translation>
    </message>
</context>
<context>
    <name>RecentBoard</name>
    <message>
        <source>Recent calls</source>
        <translation>最近叫号</translation>
    </message>
</context>
</TS>
