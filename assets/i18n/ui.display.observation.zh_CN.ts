<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ObservationBoard</name>
    <message>
        <source>Observation area</source>
        <translation>留观区</translation>
    </message>
    <message>
        <source>▲ longer, advised at screening · ◆ longer, set by the nurse · +05:38 past the end</source>
        <translation>▲ 经健康筛查延长留观 · ◆ 护士延长留观 · +05:38 为已超出留观结束的时间</translation>
    </message>
    <message>
        <source>May leave ✓</source>
        <translation>可以离开 ✓</translation>
    </message>
    <message>
        <source>May leave %1</source>
        <translation>可以离开 %1</translation>
    </message>
    <message>
        <source>Please wait %1</source>
        <translation>请稍候 %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>还剩 %1</translation>
    </message>
    <message>
        <source>%1 observing · %2 may leave</source>
        <translation>留观 %1 人 · 可离开 %2 人</translation>
    </message>
    <message>
        <source>page %1/%2</source>
        <translation>第 %1/%2 页</translation>
    </message>
</context>
</TS>
