<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Reprinter</name>
    <message>
        <source>%1 is already being printed.</source>
        <translation>%1 正在打印中。</translation>
    </message>
    <message>
        <source>Reprinting %1…</source>
        <translation>正在补打 %1…</translation>
    </message>
    <message>
        <source>the printer is off or cannot be reached</source>
        <translation>打印机未开机或无法连接</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <source>the printer refused the job</source>
        <translation>打印机拒绝了打印任务</translation>
    </message>
    <message>
        <source>the printer did not answer in time</source>
        <translation>打印机未及时响应</translation>
    </message>
    <message>
        <source>the printer did not confirm that it printed</source>
        <translation>打印机未确认已打印</translation>
    </message>
    <message>
        <source>printer error</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>%1 reprinted.</source>
        <translation>%1 已补打。</translation>
    </message>
    <message>
        <source>%1 was not reprinted: %2. The number stays valid.</source>
        <translation>%1 补打失败：%2。该号码仍然有效。</translation>
    </message>
</context>
</TS>
