<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DisplayScreen</name>
    <message>
        <source>Waiting room</source>
        <translation>候诊大厅</translation>
    </message>
    <message>
        <source>Connection to the queue lost: this screen may be out of date. Please listen for your number.</source>
        <translation>叫号系统连接中断，屏幕信息可能不是最新的，请留意工作人员叫号。</translation>
    </message>
</context>
</TS>
