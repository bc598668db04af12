<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DisplayScreen</name>
    <message>
        <source>Waiting room</source>
        <translation>候诊大厅</translation>
    </message>
</context>
</TS>
