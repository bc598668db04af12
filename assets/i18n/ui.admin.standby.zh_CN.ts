<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StandbyPanel</name>
    <message>
        <source>Standby list</source>
        <translation>候补名单</translation>
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
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>已电话</translation>
    </message>
    <message>
        <source>Coming</source>
        <translation>正在赶来</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>Arrived: priority ticket</source>
        <translation>已到：发优先号</translation>
    </message>
    <message>
        <source>not called yet</source>
        <translation>尚未联系</translation>
    </message>
    <message>
        <source>called</source>
        <translation>已电话</translation>
    </message>
    <message>
        <source>coming</source>
        <translation>正在赶来</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>arrived</source>
        <translation>已到</translation>
    </message>
    <message>
        <source>Enter the resident&apos;s name and phone.</source>
        <translation>请输入居民的姓名和电话。</translation>
    </message>
    <message>
        <source>%1 is on the standby list.</source>
        <translation>%1已加入候补名单。</translation>
    </message>
    <message>
        <source>Select a resident on the standby list first.</source>
        <translation>请先在候补名单中选择一位居民。</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <source>Priority ticket %1</source>
        <translation>优先号 %1</translation>
    </message>
    <message>
        <source>Priority ticket %1 issued.</source>
        <translation>已发优先号%1。</translation>
    </message>
    <message>
        <source>Priority ticket %1 printed.</source>
        <translation>优先号%1已打印。</translation>
    </message>
    <message>
        <source>%1 was not printed: %2. The number stays valid.</source>
        <translation>%1未打印：%2。号码仍然有效。</translation>
    </message>
</context>
</TS>
