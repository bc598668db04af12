<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>WastePanel</name>
    <message>
        <source>Record waste</source>
        <translation>登记报损</translation>
    </message>
    <message>
        <source>What happened (optional)</source>
        <translation>发生了什么（可不填）</translation>
    </message>
    <message>
        <source>Opened vial</source>
        <translation>已开启的瓶</translation>
    </message>
    <message>
        <source>Doses</source>
        <translation>剂次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 · vial %2 · %3 doses left · %4 min</source>
        <translation>%1 · %2号瓶 · 剩%3剂 · %4分钟</translation>
    </message>
    <message>
        <source>Vial %1 is no longer open: choose the vial again.</source>
        <translation>第%1瓶已不在开启中：请重新选择疫苗瓶。</translation>
    </message>
    <message>
        <source>Choose an opened vial first.</source>
        <translation>请先选择已开启的瓶。</translation>
    </message>
    <message>
        <source>Choose why the doses are wasted.</source>
        <translation>请选择报损原因。</translation>
    </message>
    <message>
        <source>%1 doses recorded as wasted.</source>
        <translation>已登记报损%1剂。</translation>
    </message>
</context>
</TS>
