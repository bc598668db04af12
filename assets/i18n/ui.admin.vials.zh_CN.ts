<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VialTable</name>
    <message>
        <source>Opened vial</source>
        <translation>已开启的瓶</translation>
    </message>
    <message>
        <source>Doses left</source>
        <translation>剩余剂次</translation>
    </message>
    <message>
        <source>Min to use-by</source>
        <translation>距失效（分）</translation>
    </message>
</context>
</TS>
